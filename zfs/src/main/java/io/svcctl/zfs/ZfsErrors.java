package io.svcctl.zfs;

import io.svcctl.exec.CommandFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a failed zfs/zpool command into a typed {@link ZfsException}, reading zfs's own (C locale) message. */
final class ZfsErrors {

    private static final Pattern BUSY_DESTROY = Pattern.compile("cannot destroy '([^']+)': dataset is busy");

    private ZfsErrors() {
    }

    static ZfsException classify(String doing, CommandFailedException failure) {
        switch (failure.reason()) {
            case COULD_NOT_START:
                return new ZfsException(ZfsException.Kind.UNAVAILABLE, "while " + doing + ": "
                        + failure.argv().get(0) + " could not be started; install OpenZFS (zfsutils-linux) or zfs-fuse",
                        failure);
            case TIMED_OUT:
            case INTERRUPTED:
            case STDIN_FAILED:
                return new ZfsException(ZfsException.Kind.FAILED, "while " + doing + ": " + failure.getMessage(), failure);
            default:
                break;
        }
        String said = zfsSaid(failure.stderr(), failure);
        String lower = said.toLowerCase(Locale.ROOT);
        if (lower.contains("has children") || lower.contains("has dependent clones")
                || lower.contains("more recent snapshots exist")) {
            return dependents(doing, failure, said);
        }
        ZfsException.Kind kind = kindOf(lower);
        return new ZfsException(kind, "while " + doing + ": " + said + hint(kind), failure);
    }

    private static ZfsException.Kind kindOf(String lower) {
        if (lower.contains("does not exist") || lower.contains("no such pool")
                || lower.contains("could not find any snapshots")) {
            return ZfsException.Kind.NOT_FOUND;
        }
        if (lower.contains("already exists") || (lower.contains("destination '") && lower.contains("' exists"))) {
            return ZfsException.Kind.ALREADY_EXISTS;
        }
        if (lower.contains("is busy")) {
            return ZfsException.Kind.BUSY;
        }
        if (lower.contains("out of space") || lower.contains("quota exceeded")) {
            return ZfsException.Kind.OUT_OF_SPACE;
        }
        if (lower.contains("permission denied")) {
            return ZfsException.Kind.PERMISSION_DENIED;
        }
        if (lower.contains("zfs-fuse daemon") || lower.contains("modules are not loaded")
                || lower.contains("/dev/zfs") || lower.contains("failed to initialize the libzfs library")) {
            return ZfsException.Kind.UNAVAILABLE;
        }
        return ZfsException.Kind.FAILED;
    }

    private static String hint(ZfsException.Kind kind) {
        switch (kind) {
            case BUSY:
                return " (a hold, a mount in use or a running send/receive keeps it busy)";
            case OUT_OF_SPACE:
                return " (free space in the pool or raise the quota)";
            case UNAVAILABLE:
                return " (load the zfs kernel module, or start the zfs-fuse daemon)";
            default:
                return "";
        }
    }

    /**
     * zfs-fuse and OpenZFS both list what is in the way of a destroy or rollback after a "use '-r'" or
     * "use '-R'" line.
     */
    private static ZfsException dependents(String doing, CommandFailedException failure, String said) {
        List<String> lines = failure.stderr().strip().lines().toList();
        List<String> names = new ArrayList<>();
        DestroyMode needed = DestroyMode.RECURSIVE_WITH_CLONES;
        String reason = lines.isEmpty() ? said : lines.get(0);
        boolean listing = false;
        for (String line : lines) {
            if (line.startsWith("use '-r'")) {
                needed = DestroyMode.RECURSIVE;
                listing = true;
            } else if (line.startsWith("use '-R'")) {
                listing = true;
            } else if (listing && !line.isBlank()) {
                names.add(line.strip());
            }
        }
        String hint;
        if (reason.contains("more recent snapshots exist")) {
            hint = "destroy the newer snapshots first, or roll back to the newest one";
        } else if (needed == DestroyMode.RECURSIVE) {
            hint = "destroy them first, or destroy recursively (children and snapshots)";
        } else {
            hint = "destroy or promote the clones first, or destroy recursively including clones";
        }
        return new ZfsException(ZfsException.Kind.HAS_DEPENDENTS,
                "while " + doing + ": " + reason + ": " + String.join(", ", names) + "; " + hint,
                failure, names, needed);
    }

    /** The filesystem a destroy found busy ("cannot destroy 'X': dataset is busy"); empty for snapshots. */
    static Optional<DatasetName> busyFilesystem(ZfsException e) {
        if (e.kind() != ZfsException.Kind.BUSY || e.commandFailure().isEmpty()) {
            return Optional.empty();
        }
        Matcher m = BUSY_DESTROY.matcher(e.commandFailure().get().stderr());
        if (!m.find() || m.group(1).indexOf('@') >= 0) {
            return Optional.empty();
        }
        return Optional.of(DatasetName.parse(m.group(1)));
    }

    /** A send that was killed, or stopped on a closed pipe, failed because its reader went away. */
    static boolean diedOfItsReader(ZfsException sendFailure) {
        return sendFailure.commandFailure()
                .map(f -> f.stderr().isBlank() || f.stderr().toLowerCase(Locale.ROOT).contains("broken pipe"))
                .orElse(false);
    }

    /**
     * zfs-fuse's rollback, having rolled back, drops the kernel's page cache through /proc/sys/vm/drop_caches
     * and fails when that is read-only (inside a container): "drop_caches failed: ...".
     */
    static boolean onlyCacheDropFailed(ZfsException e) {
        return e.commandFailure()
                .map(f -> !f.stderr().isBlank()
                        && f.stderr().strip().lines().allMatch(l -> l.startsWith("drop_caches failed")))
                .orElse(false);
    }

    /** zfs's message without a usage dump, which zfs-fuse appends to many errors. */
    static String zfsSaid(String stderr, CommandFailedException failure) {
        List<String> kept = new ArrayList<>();
        for (String line : stderr.strip().lines().toList()) {
            if (line.startsWith("usage:") || line.startsWith("Usage:")) {
                break;
            }
            kept.add(line);
        }
        String said = String.join("\n", kept).strip();
        if (said.isEmpty()) {
            return failure.exitCode().isPresent()
                    ? "`" + failure.command().display() + "` exited with status " + failure.exitCode().getAsInt()
                    : failure.getMessage();
        }
        return said;
    }
}
