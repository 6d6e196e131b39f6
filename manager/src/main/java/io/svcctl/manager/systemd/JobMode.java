package io.svcctl.manager.systemd;

/**
 * How systemd merges a new job with jobs already queued (the {@code mode} argument of StartUnit and
 * friends). Only the modes that make sense for a single service are offered.
 */
public enum JobMode {
    /** Replace conflicting queued jobs: what {@code systemctl start} does. */
    REPLACE("replace"),
    /** Fail if the job conflicts with a queued one. */
    FAIL("fail"),
    /** Like replace, but the new job cannot be replaced by a later conflicting one. */
    REPLACE_IRREVERSIBLY("replace-irreversibly"),
    /** Act on this unit only, ignoring its requirement and ordering dependencies. */
    IGNORE_DEPENDENCIES("ignore-dependencies"),
    /** Act on this unit only, ignoring requirements but keeping ordering. */
    IGNORE_REQUIREMENTS("ignore-requirements");

    private final String wireName;

    JobMode(String wireName) {
        this.wireName = wireName;
    }

    /** The string systemd expects on the bus. */
    public String wireName() {
        return wireName;
    }
}
