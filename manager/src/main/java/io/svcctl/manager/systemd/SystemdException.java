package io.svcctl.manager.systemd;

import java.util.Optional;

/**
 * A systemd or machined operation failed. The message reads
 * {@code while <action>: <why>[; <what to do>]}; when the bus returned an error its D-Bus error name
 * (for example {@code org.freedesktop.systemd1.NoSuchUnit}) is kept so callers can branch on it.
 */
public class SystemdException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String action;
    private final String busErrorName;

    public SystemdException(String action, String why) {
        this(action, why, null, null);
    }

    public SystemdException(String action, String why, Throwable cause) {
        this(action, why, null, cause);
    }

    SystemdException(String action, String why, String busErrorName, Throwable cause) {
        super("while " + action + ": " + why, cause);
        this.action = action;
        this.busErrorName = busErrorName;
    }

    /** A failure reported by the peer as a D-Bus error reply. */
    static SystemdException fromBusError(String action, String busErrorName, String busMessage, Throwable cause) {
        StringBuilder why = new StringBuilder(busErrorName == null ? "D-Bus error" : busErrorName);
        if (busMessage != null && !busMessage.isBlank()) {
            why.append(": ").append(busMessage.strip());
        }
        hintFor(busErrorName).ifPresent(h -> why.append("; ").append(h));
        return new SystemdException(action, why.toString(), busErrorName, cause);
    }

    /** What the user can do about the well-known errors; nothing for the rest. */
    static Optional<String> hintFor(String busErrorName) {
        if (busErrorName == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (busErrorName) {
            case "org.freedesktop.systemd1.NoSuchUnit" ->
                    "check the unit name; a unit file written just now needs a daemon-reload first";
            case "org.freedesktop.systemd1.NoSuchJob" -> "the job already finished";
            case "org.freedesktop.machine1.NoSuchMachine" -> "the container is not running (machinectl list)";
            case "org.freedesktop.DBus.Error.AccessDenied", "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired" ->
                    "run svcctl as root";
            case "org.freedesktop.DBus.Error.ServiceUnknown" ->
                    "the service is not running on this bus (systemd-machined comes with the systemd-container package)";
            default -> null;
        });
    }

    /** What was being done, without the "while". */
    public String action() {
        return action;
    }

    /** The D-Bus error name when the peer replied with an error. */
    public Optional<String> busErrorName() {
        return Optional.ofNullable(busErrorName);
    }
}
