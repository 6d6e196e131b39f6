package io.svcctl.manager.store;

import io.svcctl.rootfs.Digest;
import io.svcctl.rootfs.Image;
import io.svcctl.zfs.DatasetName;
import io.svcctl.zfs.SnapshotName;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * How to bring an image into the store, decided from what is there. Pure: the caller lists datasets and
 * snapshots, this decides, the caller acts.
 *
 * <p>Layer snapshots are named by chain id hex, so "the first k layers of this image" is one snapshot name,
 * whichever image it belongs to. {@code @ready} marks a whole image.
 */
public sealed interface ImportPlan {
    String READY = "ready";

    /** The image is in the store already: nothing to do. */
    record Present(DatasetName image) implements ImportPlan {
    }

    /**
     * Build in {@code incoming}: start from {@code start} (create it empty, clone a present image's layer
     * snapshot, or roll an interrupted import back to its newest snapshot), then apply layers from
     * {@code firstLayer} (0-based) on. {@code discardStale}: an interrupted import left {@code incoming} in a
     * state that cannot be resumed; destroy it first.
     */
    record Build(DatasetName incoming, Start start, int firstLayer, boolean discardStale) implements ImportPlan {
        public List<Integer> layersToApply(Image image) {
            return java.util.stream.IntStream.range(firstLayer, image.layers().size()).boxed().toList();
        }

        /** Resumes an import that had taken its @ready snapshot: only the move into images/ is left. */
        public boolean whole() {
            return start instanceof ResumeFrom r && r.newest().snapshot().equals(READY);
        }
    }

    sealed interface Start {
    }

    record CreateEmpty() implements Start {
    }

    record CloneFrom(SnapshotName origin) implements Start {
    }

    record ResumeFrom(SnapshotName newest) implements Start {
    }

    /**
     * @param presentImages     the datasets under images/
     * @param imageSnapshots    every snapshot of every dataset under images/
     * @param incomingSnapshots the snapshots of incoming/&lt;id&gt;, oldest first; null when it does not exist
     */
    static ImportPlan plan(StorageLayout layout, Image image, Collection<DatasetName> presentImages,
                           Collection<SnapshotName> imageSnapshots, List<SnapshotName> incomingSnapshots) {
        DatasetName target = layout.image(image.configDigest());
        if (presentImages.contains(target)) {
            return new Present(target);
        }
        List<Digest> chain = image.chainIds();
        DatasetName incoming = layout.incoming(image.configDigest());
        if (incomingSnapshots != null && !incomingSnapshots.isEmpty()) {
            SnapshotName newest = incomingSnapshots.get(incomingSnapshots.size() - 1);
            if (newest.snapshot().equals(READY)) {
                return new Build(incoming, new ResumeFrom(newest), chain.size(), false);
            }
            int applied = indexOf(chain, newest.snapshot()) + 1;
            if (applied > 0) {
                return new Build(incoming, new ResumeFrom(newest), applied, false);
            }
        }
        // an incoming dataset we cannot resume (no snapshot yet, or snapshots of no layer of this image)
        boolean discardStale = incomingSnapshots != null;
        for (int k = chain.size(); k >= 1; k--) {
            Optional<SnapshotName> shared = find(imageSnapshots, chain.get(k - 1).hex());
            if (shared.isPresent()) {
                return new Build(incoming, new CloneFrom(shared.get()), k, discardStale);
            }
        }
        return new Build(incoming, new CreateEmpty(), 0, discardStale);
    }

    private static int indexOf(List<Digest> chain, String snapshot) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).hex().equals(snapshot)) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<SnapshotName> find(Collection<SnapshotName> snapshots, String name) {
        return snapshots.stream().filter(s -> s.snapshot().equals(name)).findFirst();
    }
}
