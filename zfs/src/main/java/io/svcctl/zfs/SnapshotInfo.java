package io.svcctl.zfs;

import java.time.Instant;

/** A snapshot with what replication needs: its guid and its creation txg (creation order). */
public record SnapshotInfo(SnapshotName name, Guid guid, long createTxg, Instant creation) {
}
