package io.svcctl.manager.systemd;

/**
 * How a systemd job ended: the {@code result} argument of the Manager's JobRemoved signal.
 * The set is closed in systemd's documentation; an unknown value is reported, never guessed.
 */
public enum JobResult {
    /** The job ran to completion: the unit reached the state the job asked for. */
    DONE("done"),
    /** The job was canceled before it finished (for example replaced by a conflicting job). */
    CANCELED("canceled"),
    /** The job hit its own timeout inside systemd (JobTimeoutSec=). */
    TIMEOUT("timeout"),
    /** The job failed: see the unit's Result for why. */
    FAILED("failed"),
    /** A job this one depended on failed. */
    DEPENDENCY("dependency"),
    /** The job did not apply to the unit's current state (for example reload of a stopped unit). */
    SKIPPED("skipped");

    private final String wireName;

    JobResult(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean succeeded() {
        return this == DONE;
    }

    /**
     * Maps the signal's result string.
     *
     * @throws IllegalArgumentException naming the value when systemd sent one this version does not know
     */
    public static JobResult fromWire(String result) {
        for (JobResult r : values()) {
            if (r.wireName.equals(result)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown systemd job result '" + result + "'");
    }
}
