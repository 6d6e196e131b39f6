package io.svcctl.zfs;

import java.util.Optional;

/**
 * What {@code zfs send} should stream: a full snapshot, or the changes since an earlier snapshot
 * ({@code -i}; with {@code -I} also the snapshots in between). The earlier snapshot may belong to
 * another dataset: a clone sends incrementally from its origin. {@code replicate} is {@code -R}
 * (descendants, snapshots and properties); {@code properties} is {@code -p}.
 */
public record SendRequest(SnapshotName snapshot, Optional<SnapshotName> from, boolean intermediates,
                          boolean replicate, boolean properties) {

    public SendRequest {
        if (intermediates && from.isEmpty()) {
            throw new IllegalArgumentException("sending intermediate snapshots needs an incremental base");
        }
        if (from.isPresent() && from.get().equals(snapshot)) {
            throw new IllegalArgumentException("an incremental send needs two different snapshots: " + snapshot);
        }
    }

    public static SendRequest full(SnapshotName snapshot) {
        return new SendRequest(snapshot, Optional.empty(), false, false, false);
    }

    /** {@code -i from}: only the difference between the two snapshots. */
    public static SendRequest incremental(SnapshotName from, SnapshotName snapshot) {
        return new SendRequest(snapshot, Optional.of(from), false, false, false);
    }

    /** {@code -I from}: the difference, as every snapshot between the two. */
    public static SendRequest incrementalWithIntermediates(SnapshotName from, SnapshotName snapshot) {
        return new SendRequest(snapshot, Optional.of(from), true, false, false);
    }

    public SendRequest withReplicate() {
        return new SendRequest(snapshot, from, intermediates, true, properties);
    }

    public SendRequest withProperties() {
        return new SendRequest(snapshot, from, intermediates, replicate, true);
    }
}
