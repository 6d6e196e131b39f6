package io.svcctl.units;

/** systemd's {@code Restart=} policies (systemd.service(5)). */
public enum Restart {
    NO("no"),
    ON_SUCCESS("on-success"),
    ON_FAILURE("on-failure"),
    ON_ABNORMAL("on-abnormal"),
    ON_WATCHDOG("on-watchdog"),
    ON_ABORT("on-abort"),
    ALWAYS("always");

    private final String word;

    Restart(String word) {
        this.word = word;
    }

    /** The word systemd reads. */
    public String word() {
        return word;
    }
}
