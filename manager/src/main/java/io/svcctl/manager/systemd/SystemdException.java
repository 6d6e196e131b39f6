package io.svcctl.manager.systemd;

import java.util.Optional;

import io.svcctl.manager.SvcctlException;

/**
 * A systemd or machined operation failed. The message reads
 * {@code while <action>: <why>[; <what to do>]}; when the bus returned an error its D-Bus error name
 * (for example {@code org.freedesktop.systemd1.NoSuchUnit}) is kept so callers can branch on it, and
 * decides the {@link Kind}.
 */
public class SystemdException extends SvcctlException {

    private static final long serialVersionUID = 1L;

    private final String action;
    private final String busErrorName;

    /** An operation that ran and failed. */
    public SystemdException(String action, String why) {
        this(Kind.FAILED, action, why, null, null);
    }

    public SystemdException(String action, String why, Throwable cause) {
        this(Kind.FAILED, action, why, null, cause);
    }

    public SystemdException(Kind kind, String action, String why, Throwable cause) {
        this(kind, action, why, null, cause);
    }

    private SystemdException(Kind kind, String action, String why, String busErrorName, Throwable cause) {
        super(kind, "while " + action + ": " + why, cause);
        this.action = action;
        this.busErrorName = busErrorName;
    }

    /**
     * A D-Bus call that failed: with {@code busErrorName} when the peer replied with an error, without
     * when the call could not be made (then the message says why).
     */
    static SystemdException fromBusError(String action, String busErrorName, String busMessage, Throwable cause) {
        String text = busMessage == null ? "" : busMessage.strip();
        StringBuilder why = new StringBuilder();
        if (busErrorName != null) {
            why.append(busErrorName).append(text.isEmpty() ? "" : ": ");
        }
        why.append(busErrorName == null && text.isEmpty() ? "the D-Bus call failed" : text);
        hintFor(busErrorName).ifPresent(h -> {
            if (why.charAt(why.length() - 1) == '.') {
                why.setLength(why.length() - 1);
            }
            why.append("; ").append(h);
        });
        return new SystemdException(kindFor(busErrorName), action, why.toString(), busErrorName, cause);
    }

    /** What the user can do about the well-known errors; nothing for the rest. */
    static Optional<String> hintFor(String busErrorName) {
        if (busErrorName == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (busErrorName) {
            case "org.freedesktop.systemd1.NoSuchUnit" ->
                    "check the unit name; a unit file written just now needs a daemon-reload first";
            case "org.freedesktop.machine1.NoSuchMachine" -> "the container is not running (machinectl list)";
            case "org.freedesktop.DBus.Error.AccessDenied", "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired" ->
                    "run svcctl as root";
            case "org.freedesktop.DBus.Error.ServiceUnknown" ->
                    "the service is not running on this bus (systemd-machined comes with the systemd-container package)";
            default -> null;
        });
    }

    static Kind kindFor(String busErrorName) {
        if (busErrorName == null) {
            return Kind.FAILED;
        }
        return switch (busErrorName) {
            case "org.freedesktop.systemd1.NoSuchUnit", "org.freedesktop.machine1.NoSuchMachine",
                    "org.freedesktop.DBus.Error.UnknownObject" -> Kind.NOT_FOUND;
            case "org.freedesktop.DBus.Error.InvalidArgs" -> Kind.INVALID;
            case "org.freedesktop.DBus.Error.AccessDenied", "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired",
                    "org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NoReply",
                    "org.freedesktop.DBus.Error.Disconnected" -> Kind.UNAVAILABLE;
            case "org.freedesktop.DBus.Error.UnknownMethod", "org.freedesktop.DBus.Error.UnknownProperty",
                    "org.freedesktop.DBus.Error.UnknownInterface" -> Kind.UNSUPPORTED;
            default -> Kind.FAILED;
        };
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
