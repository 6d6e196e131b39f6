package io.svcctl.units;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of an svcctl service: 1 to 63 of {@code a-z 0-9 - .}, starting with a letter or digit, no
 * {@code ..}. It is also the container's machine name, so it must pass the machine-name (hostname) rules:
 * no {@code _}, no label starting or ending with {@code -}, no trailing {@code .}.
 *
 * <p>Its units: {@code svcctl-<svc>.service} runs the container; helper units are
 * {@code svcctl-<svc>_<role>.<type>}. A service name cannot contain {@code _}, so a helper unit of one service
 * can never be the unit of another (as {@code svcctl-web-port-80.service} could be). {@code :} would do as well
 * for systemd, but {@code systemd-analyze verify} reads {@code FILE:ALIAS} from its arguments.
 */
public record ServiceName(String value) {
    static final String UNIT_PREFIX = "svcctl-";
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

    public ServiceName {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("service name '" + value
                    + "' must be 1-63 of a-z 0-9 - . starting with a letter or digit");
        }
        if (value.contains("..")) {
            throw new IllegalArgumentException("service name '" + value + "' must not contain '..'");
        }
        if (value.contains("_")) {
            throw new IllegalArgumentException("service name '" + value + "' must not contain '_': the name is"
                    + " also the container's machine name, which follows hostname rules (use '-' instead)");
        }
        String why = MachineName.problem(value);
        if (why != null) {
            throw new IllegalArgumentException("service name '" + value + "' is not a valid machine name: " + why);
        }
    }

    public static ServiceName parse(String value) {
        return new ServiceName(value);
    }

    /** {@code svcctl-<svc>.service}, the unit that runs the container. */
    public UnitName unitName() {
        return UnitName.of(UNIT_PREFIX + value, UnitType.SERVICE);
    }

    /** The container's machine name (as shown by machinectl), equal to the service name. */
    public MachineName machineName() {
        return new MachineName(value);
    }

    /** {@code svcctl-<svc>_<role>.<type>}, a unit that exists for this service (a port forward, ...). */
    public UnitName helperUnit(String role, UnitType type) {
        if (role == null || !role.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("helper unit role '" + role + "' must be a-z 0-9 -");
        }
        return UnitName.of(UNIT_PREFIX + value + "_" + role, type);
    }

    /** The service whose container unit this is, or empty for any other unit (helpers included). */
    public static Optional<ServiceName> ofUnit(UnitName unit) {
        String stem = unit.stem();
        if (unit.type() != UnitType.SERVICE || !stem.startsWith(UNIT_PREFIX) || stem.contains("_")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ServiceName(stem.substring(UNIT_PREFIX.length())));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
