package io.svcctl.manager;

/**
 * A failure the user can act on. The message says "while <doing what>: <why>" and, where there is one,
 * what to do; the kind decides the exit code at the CLI edge and nowhere else.
 */
public class SvcctlException extends RuntimeException {
    public enum Kind {
        /** the operation ran and failed (a job failed, a command returned an error) */
        FAILED,
        /** the request itself is wrong: a bad name, a bad value */
        INVALID,
        /** the service, image or snapshot named does not exist */
        NOT_FOUND,
        /** it exists already, or something else depends on it */
        CONFLICT,
        /** the host is not ready: not initialized, no zfs, no systemd */
        UNAVAILABLE,
        /** this host's zfs or systemd lacks a feature the operation needs */
        UNSUPPORTED
    }

    private final Kind kind;

    public SvcctlException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SvcctlException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
