package io.svcctl.manager.service;

import java.util.Locale;

/** When systemd restarts a service's container; the values are systemd's own {@code Restart=} words. */
public enum RestartPolicy {
    NO("no"), ON_FAILURE("on-failure"), ON_ABNORMAL("on-abnormal"), ALWAYS("always");

    private final String systemdValue;

    RestartPolicy(String systemdValue) {
        this.systemdValue = systemdValue;
    }

    public String systemdValue() {
        return systemdValue;
    }

    public static RestartPolicy parse(String s) {
        for (RestartPolicy p : values()) {
            if (p.systemdValue.equals(s.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("restart policy '" + s + "' is not one of no, on-failure, on-abnormal, always");
    }
}
