package io.svcctl.manager.store;

import io.svcctl.manager.HostFiles;
import io.svcctl.manager.SvcctlException;
import io.svcctl.rootfs.ApplyOptions;
import io.svcctl.rootfs.ApplyStats;
import io.svcctl.rootfs.IdShift;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.ImageConfig;
import io.svcctl.rootfs.Layer;
import io.svcctl.rootfs.LayerApplier;
import io.svcctl.zfs.DatasetName;
import io.svcctl.zfs.DestroyMode;
import io.svcctl.zfs.PropertyName;
import io.svcctl.zfs.SnapshotInfo;
import io.svcctl.zfs.SnapshotName;
import io.svcctl.zfs.Zfs;
import io.svcctl.zfs.ZfsProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Images on ZFS: one dataset per image with a snapshot per layer, shared base layers cloned, an import built
 * in {@code incoming/} and renamed into {@code images/} only when whole (see {@link ImportPlan}).
 */
public final class ImageStore {
    static final PropertyName REFERENCES = PropertyName.user("svcctl", "references");
    static final PropertyName MANIFEST = PropertyName.user("svcctl", "manifest");
    static final PropertyName PLATFORM = PropertyName.user("svcctl", "platform");
    static final PropertyName LAYERS = PropertyName.user("svcctl", "layers");
    static final PropertyName CREATED = PropertyName.user("svcctl", "created");
    private static final PropertyName CANMOUNT = PropertyName.CANMOUNT;
    static final String METADATA = "image.json";
    static final String ROOTFS = "rootfs";

    /** What {@code image.json} in an image dataset holds: enough to create services without the source. */
    public record Metadata(String id, String reference, String manifestDigest, ImageConfig config,
                           List<String> diffIds) {
    }

    public record ImportResult(ImageRecord image, boolean alreadyPresent, int layersApplied, int layersShared) {
    }

    private final Zfs zfs;
    private final StorageLayout layout;
    private final Function<DatasetName, Path> mountpoint;
    private final long uidShift;
    private final Path lockDir;

    public ImageStore(Zfs zfs, StorageLayout layout, Function<DatasetName, Path> mountpoint, long uidShift,
                      Path lockDir) {
        this.zfs = zfs;
        this.layout = layout;
        this.mountpoint = mountpoint;
        this.uidShift = uidShift;
        this.lockDir = lockDir;
    }

    public ImportResult importImage(Image image, LayerBlobs blobs, ImportListener listener) throws IOException {
        // two imports of one image serialize here; the second finds the first one's result
        try (StoreLock lock = StoreLock.acquire(lockDir, "image-" + image.configDigest().hex())) {
            DatasetName target = layout.image(image.configDigest());
            // a present image is the plan's first answer; asked directly, it is one zfs call and not a listing
            ImportPlan plan = zfs.exists(target) ? new ImportPlan.Present(target) : plan(image);
            if (plan instanceof ImportPlan.Present present) {
                listener.planned(plan, 0);
                return new ImportResult(withReference(record(present.image()), image.reference()), true, 0,
                        image.layers().size());
            }
            ImportPlan.Build build = (ImportPlan.Build) plan;
            List<Integer> todo = build.layersToApply(image);
            listener.planned(plan, todo.size());
            LayerApplier.prepare(); // while the first blob downloads
            blobs.fetch(todo.stream().map(i -> image.layers().get(i)).toList());
            DatasetName incoming = build.incoming();
            if (build.discardStale()) {
                zfs.destroy(incoming, DestroyMode.RECURSIVE);
            }
            start(build.start(), incoming, startProperties(image));
            if (!build.whole()) {
                // before the layers, while the first blob may still download: the layer snapshots hold it too, and
                // an image cloned from one of them writes its own
                writeMetadata(image, mountpoint.apply(incoming));
            }
            Path root = mountpoint.apply(incoming).resolve(ROOTFS);
            List<String> chain = image.chainIds().stream().map(d -> d.hex()).toList();
            LayerApplier applier = new LayerApplier();
            ApplyOptions options = ApplyOptions.DEFAULT.withIdShift(uidShift == 0 ? IdShift.NONE : IdShift.of(uidShift));
            for (int i : todo) {
                Layer layer = image.layers().get(i);
                listener.applying(i, image.layers().size(), layer);
                ApplyStats stats;
                try (InputStream in = blobs.open(layer)) {
                    stats = applier.applyStoredBlob(in, layer, root, options);
                }
                zfs.snapshot(incoming.snapshot(chain.get(i)));
                listener.applied(i, image.layers().size(), layer, stats.entries(), stats.contentBytes());
            }
            DatasetName imported = finish(image, build);
            return new ImportResult(record(imported), false, todo.size(), image.layers().size() - todo.size());
        }
    }

    /**
     * Properties an import knows from the start, set when its dataset is made (zfs-fuse's {@code zfs set} takes
     * one property per call). CREATED is when the import began.
     */
    private static Map<PropertyName, String> startProperties(Image image) {
        return Map.of(REFERENCES, image.reference(),
                MANIFEST, image.manifestDigest().toString(),
                PLATFORM, image.config().platform().toString(),
                LAYERS, Integer.toString(image.layers().size()),
                CREATED, Instant.now().toString());
    }

    private void start(ImportPlan.Start start, DatasetName incoming, Map<PropertyName, String> properties)
            throws IOException {
        if (start instanceof ImportPlan.CreateEmpty) {
            zfs.create(incoming, properties);
            Path root = mountpoint.apply(incoming).resolve(ROOTFS);
            Files.createDirectories(root);
            HostFiles.ownByShiftedRoot(root, uidShift);
            Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } else if (start instanceof ImportPlan.CloneFrom c) {
            // no snapshot of the shared layers here: an interrupted clone is cheaper to make again, and a
            // snapshot named like the origin's would make 'zfs promote' (gc, rmi) fail on the name clash
            zfs.clone(c.origin(), incoming, properties);
        } else if (start instanceof ImportPlan.ResumeFrom r) {
            zfs.rollback(r.newest());
        }
    }

    private static void writeMetadata(Image image, Path dataset) throws IOException {
        Metadata meta = new Metadata(image.configDigest().hex(), image.reference(), image.manifestDigest().toString(),
                image.config(), image.layers().stream().map(l -> l.diffId().toString()).toList());
        HostFiles.writeAtomically(dataset.resolve(METADATA), MetadataJson.write(meta));
        Files.write(dataset.resolve("config.json"), image.rawConfig());
    }

    /** Snapshots @ready (unless the build had it already), hides the dataset from mounting, moves it into images/. */
    private DatasetName finish(Image image, ImportPlan.Build build) {
        DatasetName incoming = build.incoming();
        if (!build.whole()) {
            zfs.snapshot(incoming.snapshot(ImportPlan.READY));
        }
        if (build.start() instanceof ImportPlan.ResumeFrom) {
            zfs.set(incoming, REFERENCES, image.reference()); // the interrupted run may have used another name
        }
        zfs.set(incoming, CANMOUNT, "noauto");
        zfs.unmount(incoming);
        DatasetName target = layout.image(image.configDigest());
        zfs.rename(incoming, target);
        return target;
    }

    /** The image with {@code reference} added to its references (in its dataset too). */
    private ImageRecord withReference(ImageRecord image, String reference) {
        Set<String> refs = new LinkedHashSet<>(image.references());
        if (!refs.add(reference)) {
            return image;
        }
        zfs.set(layout.images().child(image.id()), REFERENCES, String.join(",", refs));
        return new ImageRecord(image.id(), List.copyOf(refs), image.manifestDigest(), image.platform(), image.layers(),
                image.created(), image.usedBytes(), image.referencedBytes(), image.origin());
    }

    private static List<String> references(ZfsProperties props) {
        return props.value(REFERENCES).filter(v -> !v.isEmpty() && !v.equals("-"))
                .map(v -> Arrays.asList(v.split(","))).orElse(List.of());
    }

    /** The plan for an image not present, from one listing of images and imports with their snapshots. */
    private ImportPlan plan(Image image) {
        Map<DatasetName, List<SnapshotInfo>> store = zfs.childrenWithSnapshots(List.of(layout.images(), layout.incoming()));
        List<DatasetName> images = store.keySet().stream().filter(d -> d.isDescendantOf(layout.images())).toList();
        List<SnapshotName> imageSnapshots = images.stream().flatMap(d -> store.get(d).stream())
                .map(SnapshotInfo::name).toList();
        List<SnapshotInfo> incoming = store.get(layout.incoming(image.configDigest()));
        return ImportPlan.plan(layout, image, images, imageSnapshots,
                incoming == null ? null : incoming.stream().map(SnapshotInfo::name).toList());
    }

    public List<ImageRecord> list() {
        return zfs.listChildren(layout.images(), 1).stream().map(this::record).toList();
    }

    public ImageRecord record(DatasetName image) {
        ZfsProperties p = zfs.get(image, REFERENCES, MANIFEST, PLATFORM, LAYERS, CREATED, PropertyName.USED,
                PropertyName.REFERENCED, PropertyName.ORIGIN);
        return new ImageRecord(image.leaf(), references(p), p.value(MANIFEST).orElse(""),
                p.value(PLATFORM).orElse(""), p.value(LAYERS).map(Integer::parseInt).orElse(0),
                p.value(CREATED).map(Instant::parse).orElse(null),
                p.get(PropertyName.USED).longValue(), p.get(PropertyName.REFERENCED).longValue(),
                p.value(PropertyName.ORIGIN).filter(o -> !o.equals("-")).orElse(null));
    }

    /**
     * An image by id (12 or more hex digits of it) or by a reference it was imported as
     * ({@code busybox} matches {@code docker.io/library/busybox:latest} through {@code normalize}).
     */
    public ImageRecord find(String idOrReference, Function<String, Optional<String>> normalize) {
        List<ImageRecord> images = list();
        if (idOrReference.matches("[0-9a-f]{12,64}")) {
            List<ImageRecord> byId = images.stream().filter(i -> i.id().startsWith(idOrReference)).toList();
            if (byId.size() == 1) {
                return byId.get(0);
            }
            if (byId.size() > 1) {
                throw new SvcctlException(SvcctlException.Kind.INVALID, "image id " + idOrReference
                        + " is ambiguous: give more of it");
            }
        }
        String wanted = normalize.apply(idOrReference).orElse(idOrReference);
        return images.stream().filter(i -> i.references().contains(wanted)).findFirst()
                .orElseThrow(() -> new SvcctlException(SvcctlException.Kind.NOT_FOUND, "no image '" + idOrReference
                        + "' in the store (see 'svcctl images'; import it with 'svcctl import docker "
                        + idOrReference + "')"));
    }

    /** The metadata an image dataset (or a clone of it) holds in {@code image.json}. */
    public static Metadata readMetadata(Path datasetDirectory) throws IOException {
        return MetadataJson.read(Files.readAllBytes(datasetDirectory.resolve(METADATA)));
    }

    /** The snapshot services are cloned from. */
    public SnapshotName ready(ImageRecord image) {
        return layout.images().child(image.id()).snapshot(ImportPlan.READY);
    }

    /** What {@code rmi} did: the image destroyed and the images promoted to keep the layers they share. */
    public record RemoveResult(String id, List<String> promoted) {
    }

    /**
     * Destroys an image. Refused while a service is cloned from it; images cloned from its layer snapshots
     * are promoted first, so they keep the shared blocks and nothing they need is lost.
     */
    public RemoveResult remove(ImageRecord image) {
        DatasetName ds = layout.images().child(image.id());
        List<String> promoted = new ArrayList<>();
        while (true) {
            Map<DatasetName, SnapshotName> clones = clonesOf(ds);
            // services, and services staged by a migration in progress, are never promoted away
            List<String> services = clones.keySet().stream().filter(c -> c.isDescendantOf(layout.services())
                            || c.isDescendantOf(layout.migrating()))
                    .map(DatasetName::leaf).sorted().toList();
            if (!services.isEmpty()) {
                throw new SvcctlException(SvcctlException.Kind.CONFLICT, "image " + image.shortId()
                        + " is used by service(s) " + String.join(", ", services) + ": remove them first ('svcctl rm')");
            }
            if (clones.isEmpty()) {
                break;
            }
            // promote the clone of the newest snapshot: the older clones then hang off it, not off this image
            DatasetName newest = clones.entrySet().stream()
                    .max(java.util.Comparator.comparingLong(e -> createTxg(e.getValue())))
                    .orElseThrow().getKey();
            zfs.promote(newest);
            promoted.add(newest.leaf());
        }
        zfs.destroy(ds, DestroyMode.RECURSIVE);
        return new RemoveResult(image.id(), promoted);
    }

    private long createTxg(SnapshotName snapshot) {
        return zfs.snapshots(snapshot.dataset()).stream().filter(s -> s.name().equals(snapshot))
                .mapToLong(SnapshotInfo::createTxg).findFirst().orElse(0);
    }

    /** Datasets below the root whose origin is a snapshot of {@code dataset}, with that origin. */
    private Map<DatasetName, SnapshotName> clonesOf(DatasetName dataset) {
        Map<DatasetName, SnapshotName> clones = new java.util.LinkedHashMap<>();
        origins().forEach((clone, origin) -> {
            if (origin.dataset().equals(dataset)) {
                clones.put(clone, origin);
            }
        });
        return clones;
    }

    /** Every clone svcctl makes (images, imports, services, staged migrations) with its origin snapshot. */
    private Map<DatasetName, SnapshotName> origins() {
        Map<DatasetName, SnapshotName> origins = new java.util.LinkedHashMap<>();
        for (DatasetName parent : List.of(layout.images(), layout.incoming(), layout.services(), layout.migrating())) {
            if (!zfs.exists(parent)) {
                continue; // migrating/ appears with the first migration received
            }
            for (DatasetName child : zfs.listChildren(parent, 1)) {
                zfs.get(child, PropertyName.ORIGIN).value(PropertyName.ORIGIN).filter(o -> o.contains("@"))
                        .ifPresent(o -> origins.put(child, SnapshotName.parse(o)));
            }
        }
        return origins;
    }

    /** What {@code gc} removed. */
    public record GcResult(List<String> incomplete, List<String> layerSnapshots) {
    }

    /**
     * Removes imports that died half-way (nothing is importing them: their lock is free) and, with
     * {@code layerSnapshots}, the layer snapshots no clone needs; those only serve sharing with later imports.
     */
    public GcResult gc(boolean layerSnapshots) throws IOException {
        List<String> incomplete = new ArrayList<>();
        for (DatasetName partial : zfs.listChildren(layout.incoming(), 1)) {
            try (StoreLock lock = StoreLock.tryAcquire(lockDir, "image-" + partial.leaf())) {
                if (lock != null && clonesOf(partial).isEmpty()) {
                    zfs.destroy(partial, DestroyMode.RECURSIVE);
                    incomplete.add(partial.leaf());
                }
            }
        }
        List<String> dropped = new ArrayList<>();
        if (layerSnapshots) {
            Set<SnapshotName> origins = Set.copyOf(origins().values());
            for (DatasetName image : zfs.listChildren(layout.images(), 1)) {
                for (SnapshotInfo snap : zfs.snapshots(image)) {
                    String n = snap.name().snapshot();
                    if (!n.equals(ImportPlan.READY) && !origins.contains(snap.name())) {
                        zfs.destroy(snap.name(), DestroyMode.REFUSE_IF_DEPENDENTS);
                        dropped.add(snap.name().toString());
                    }
                }
            }
        }
        return new GcResult(incomplete, dropped);
    }
}
