package io.svcctl.manager.migrate;

import io.svcctl.zfs.DatasetName;
import io.svcctl.zfs.DestroyMode;
import io.svcctl.zfs.SnapshotInfo;
import io.svcctl.zfs.SnapshotName;
import io.svcctl.zfs.Zfs;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A migration's own snapshots on one host's service tree: taken recursively, held while an incremental chain
 * needs them, released and destroyed once a newer one is on both sides or the migration ends.
 */
final class MigrationSnapshots {
    private final Zfs zfs;

    MigrationSnapshots(Zfs zfs) {
        this.zfs = zfs;
    }

    private List<DatasetName> tree(DatasetName top) {
        List<DatasetName> all = new ArrayList<>();
        all.add(top);
        all.addAll(zfs.listChildren(top, 32));
        return all;
    }

    /** The next sequence number after every migration snapshot of {@code top}. */
    int nextSequence(DatasetName top) {
        int max = 0;
        for (SnapshotInfo s : zfs.snapshots(top)) {
            OptionalInt seq = MigrationNames.sequence(s.name().snapshot());
            if (seq.isPresent()) {
                max = Math.max(max, seq.getAsInt());
            }
        }
        return max + 1;
    }

    /** Snapshots the whole tree atomically and holds every new snapshot. */
    String take(DatasetName top) {
        String name = MigrationNames.snapshot(nextSequence(top));
        zfs.snapshot(top.snapshot(name), true);
        for (DatasetName ds : tree(top)) {
            zfs.hold(ds.snapshot(name), MigrationNames.HOLD);
        }
        return name;
    }

    /** Holds the newest migration snapshot of every dataset in the tree, if not held yet. */
    void holdNewest(DatasetName top) {
        for (DatasetName ds : tree(top)) {
            List<SnapshotInfo> mine = zfs.snapshots(ds).stream()
                    .filter(s -> MigrationNames.isMigrationSnapshot(s.name().snapshot())).toList();
            if (!mine.isEmpty()) {
                SnapshotName newest = mine.get(mine.size() - 1).name();
                if (zfs.holdCount(newest) == 0) {
                    zfs.hold(newest, MigrationNames.HOLD);
                }
            }
        }
    }

    /** Releases and destroys the tree's migration snapshots older than {@code keep} (all of them when null). */
    void dropOlder(DatasetName top, String keep) {
        OptionalInt keepSeq = keep == null ? OptionalInt.empty() : MigrationNames.sequence(keep);
        for (DatasetName ds : tree(top)) {
            for (SnapshotInfo s : zfs.snapshots(ds)) {
                OptionalInt seq = MigrationNames.sequence(s.name().snapshot());
                if (seq.isPresent() && (keepSeq.isEmpty() || seq.getAsInt() < keepSeq.getAsInt())) {
                    drop(s.name());
                }
            }
        }
    }

    void drop(SnapshotName snapshot) {
        if (zfs.holdCount(snapshot) > 0) {
            zfs.release(snapshot, MigrationNames.HOLD);
        }
        zfs.destroy(snapshot, DestroyMode.REFUSE_IF_DEPENDENTS);
    }

    /** Releases this migration's holds in the tree (before destroying it). */
    void releaseAll(DatasetName top) {
        for (DatasetName ds : tree(top)) {
            for (SnapshotInfo s : zfs.snapshots(ds)) {
                if (MigrationNames.isMigrationSnapshot(s.name().snapshot()) && zfs.holdCount(s.name()) > 0) {
                    zfs.release(s.name(), MigrationNames.HOLD);
                }
            }
        }
    }
}
