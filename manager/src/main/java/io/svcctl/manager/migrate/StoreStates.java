package io.svcctl.manager.migrate;

import io.svcctl.zfs.DatasetName;
import io.svcctl.zfs.PropertyName;
import io.svcctl.zfs.SnapshotInfo;
import io.svcctl.zfs.SnapshotName;
import io.svcctl.zfs.Zfs;
import io.svcctl.zfs.ZfsFeature;
import io.svcctl.zfs.ZfsProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads datasets of one host's store into {@link DatasetState}s, named relative to its root. */
final class StoreStates {
    private final Zfs zfs;
    private final DatasetName root;

    StoreStates(Zfs zfs, DatasetName root) {
        this.zfs = zfs;
        this.root = root;
    }

    DatasetName absolute(String relative) {
        return DatasetName.parse(root + "/" + relative);
    }

    String relative(DatasetName dataset) {
        return dataset.relativeTo(root);
    }

    boolean resumable() {
        return zfs.capabilities().has(ZfsFeature.RESUMABLE_RECEIVE);
    }

    DatasetState read(DatasetName dataset) {
        ZfsProperties p = zfs.get(dataset, PropertyName.ORIGIN, MigrationNames.MIGRATING, MigrationNames.MIGRATED_TO);
        String origin = null;
        String originGuid = null;
        String o = p.value(PropertyName.ORIGIN).orElse("");
        if (o.contains("@")) {
            SnapshotName originSnap = SnapshotName.parse(o);
            originGuid = zfs.get(originSnap, PropertyName.GUID).get(PropertyName.GUID).value();
            origin = originSnap.dataset().isDescendantOf(root)
                    ? relative(originSnap.dataset()) + "@" + originSnap.snapshot() : null;
        }
        List<DatasetState.Snapshot> snaps = new ArrayList<>();
        for (SnapshotInfo s : zfs.snapshots(dataset)) {
            long referenced = zfs.get(s.name(), PropertyName.REFERENCED).get(PropertyName.REFERENCED).longValue();
            snaps.add(new DatasetState.Snapshot(s.name().snapshot(), s.guid().toString(), s.createTxg(), referenced));
        }
        Map<String, String> marks = new LinkedHashMap<>();
        for (PropertyName mark : List.of(MigrationNames.MIGRATING, MigrationNames.MIGRATED_TO)) {
            p.value(mark).filter(v -> !v.isEmpty()).ifPresent(v -> marks.put(mark.value(), v));
        }
        String token = resumable()
                ? zfs.receiveResumeToken(dataset).map(t -> t.value()).orElse(null) : null;
        return new DatasetState(relative(dataset), origin, origin == null ? null : originGuid, snaps, token, marks);
    }

    /** The dataset and everything below it, parents first; nothing when it does not exist. */
    List<DatasetState> readTree(DatasetName top) {
        List<DatasetState> all = new ArrayList<>();
        if (!zfs.exists(top)) {
            return all;
        }
        all.add(read(top));
        for (DatasetName child : zfs.listChildren(top, 32)) {
            all.add(read(child));
        }
        return all;
    }

    /** The children of a container dataset ({@code images}, {@code incoming}); nothing when it does not exist. */
    List<DatasetState> readChildren(DatasetName parent) {
        List<DatasetState> all = new ArrayList<>();
        if (zfs.exists(parent)) {
            for (DatasetName child : zfs.listChildren(parent, 1)) {
                all.add(read(child));
            }
        }
        return all;
    }
}
