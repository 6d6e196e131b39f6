package io.svcctl.zfs;

import io.svcctl.exec.CommandFailedException;

import java.util.List;
import java.util.Optional;

/**
 * A zfs or zpool command failed. The kind is read from zfs's own message; the message reads
 * "while &lt;doing what&gt;: &lt;what zfs said&gt;" and, where it helps, what to do. The failed command,
 * with its argv and full stderr, is the cause.
 */
public class ZfsException extends RuntimeException {

    public enum Kind {
        NOT_FOUND,
        ALREADY_EXISTS,
        /** destroy refused: children, snapshots or clones; see {@link #dependents()}. */
        HAS_DEPENDENTS,
        BUSY,
        OUT_OF_SPACE,
        PERMISSION_DENIED,
        /** zfs is not installed, its kernel module is not loaded, or the zfs-fuse daemon is not running. */
        UNAVAILABLE,
        /** The userland lacks a feature; see {@link UnsupportedZfsFeatureException}. */
        UNSUPPORTED,
        FAILED
    }

    private final Kind kind;
    private final List<String> dependents;
    private final DestroyMode requiredDestroyMode;

    ZfsException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, List.of(), null);
    }

    ZfsException(Kind kind, String message, Throwable cause, List<String> dependents, DestroyMode requiredDestroyMode) {
        super(message, cause);
        this.kind = kind;
        this.dependents = List.copyOf(dependents);
        this.requiredDestroyMode = requiredDestroyMode;
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#HAS_DEPENDENTS}: the datasets, snapshots and clones zfs named as in the way. */
    public List<String> dependents() {
        return dependents;
    }

    /** For {@link Kind#HAS_DEPENDENTS}: the destroy mode that would take the dependents along. */
    public Optional<DestroyMode> requiredDestroyMode() {
        return Optional.ofNullable(requiredDestroyMode);
    }

    /** The failed command, when one ran. */
    public Optional<CommandFailedException> commandFailure() {
        return getCause() instanceof CommandFailedException
                ? Optional.of((CommandFailedException) getCause())
                : Optional.empty();
    }
}
