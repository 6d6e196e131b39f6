package io.svcctl.units;

import java.util.Locale;

/** The unit types systemd knows, named by their file suffix. */
public enum UnitType {
    SERVICE, SOCKET, TARGET, DEVICE, MOUNT, AUTOMOUNT, SWAP, TIMER, PATH, SLICE, SCOPE;

    public String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    static UnitType fromSuffix(String suffix) {
        for (UnitType t : values()) {
            if (t.suffix().equals(suffix)) {
                return t;
            }
        }
        return null;
    }
}
