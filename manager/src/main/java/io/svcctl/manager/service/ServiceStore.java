package io.svcctl.manager.service;

import io.svcctl.manager.HostFiles;
import io.svcctl.exec.Command;
import io.svcctl.exec.CommandRunner;
import io.svcctl.manager.SvcctlException;
import io.svcctl.manager.store.ImageStore;
import io.svcctl.manager.store.StorageLayout;
import io.svcctl.zfs.DatasetName;
import io.svcctl.zfs.DestroyMode;
import io.svcctl.zfs.PropertyName;
import io.svcctl.zfs.SnapshotName;
import io.svcctl.zfs.Zfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Service bundles on ZFS: {@code services/<svc>} is a clone of its image's {@code @ready} snapshot holding
 * {@code rootfs/} and {@code service.json}; volumes are child datasets under {@code volumes/}. The dataset is
 * the single source of truth, so a zfs send of it carries everything needed to run it elsewhere.
 */
public final class ServiceStore {
    public static final String SPEC = "service.json";
    /** The clone's tree: the image dataset's own rootfs/ directory. */
    private static final String ROOTFS = "rootfs";
    static final PropertyName IMAGE = PropertyName.user("svcctl", "image");
    /** services/<svc>/volumes/<vol> */
    private static final int VOLUME_DEPTH = 2;

    private final Zfs zfs;
    private final CommandRunner runner;
    private final StorageLayout layout;
    private final Function<DatasetName, Path> mountpoint;
    private final long uidShift;

    public ServiceStore(Zfs zfs, CommandRunner runner, StorageLayout layout, Function<DatasetName, Path> mountpoint,
                        long uidShift) {
        this.zfs = zfs;
        this.runner = runner;
        this.layout = layout;
        this.mountpoint = mountpoint;
        this.uidShift = uidShift;
    }

    public DatasetName dataset(String service) {
        return layout.service(service);
    }

    public Path directory(String service) {
        return mountpoint.apply(dataset(service));
    }

    public Path rootfs(String service) {
        return directory(service).resolve(ROOTFS);
    }

    public Path volumeDirectory(String service, String volume) {
        return mountpoint.apply(volumeDataset(service, volume));
    }

    DatasetName volumeDataset(String service, String volume) {
        return dataset(service).child("volumes").child(volume);
    }

    /** Where {@code rm} without {@code --volumes} keeps a service's volumes, for a service of the same name to adopt. */
    DatasetName keptVolume(String service, String volume) {
        return layout.root().child("volumes").child(service).child(volume);
    }

    /** Whether the service's dataset exists; its spec in the mounted dataset proves it without asking zfs. */
    public boolean exists(String service) {
        return Files.isRegularFile(directory(service).resolve(SPEC)) || zfs.exists(dataset(service));
    }

    /**
     * Clones the image, then derives the spec from the image's metadata (read from the clone: image datasets
     * stay unmounted), creates the volumes and writes the spec. Time and space do not grow with the image.
     * If anything fails, the half-made service is destroyed again.
     */
    public ServiceSpec create(String service, SnapshotName imageReady, Function<ImageStore.Metadata, ServiceSpec> specFor)
            throws IOException {
        DatasetName ds = dataset(service);
        if (zfs.exists(ds)) {
            throw new SvcctlException(SvcctlException.Kind.CONFLICT, "service " + service
                    + " exists already (remove it with 'svcctl rm " + service + "' or choose another name)");
        }
        zfs.clone(imageReady, ds, Map.of(IMAGE, imageReady.dataset().leaf()));
        try {
            ServiceSpec spec = specFor.apply(ImageStore.readMetadata(directory(service)));
            ensureUsr(rootfs(service));
            if (!spec.volumes().isEmpty()) {
                zfs.create(ds.child("volumes"), Map.of());
            }
            for (VolumeSpec v : spec.volumes()) {
                createVolume(service, v);
            }
            writeSpec(spec);
            return spec;
        } catch (IOException | RuntimeException e) {
            try {
                unmountTree(ds);
                zfs.destroy(ds, DestroyMode.RECURSIVE);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * systemd-nspawn refuses a tree without /usr ("doesn't look like it has an OS tree"); minimal images
     * (busybox, distroless, scratch) have none. An empty one in the service's clone satisfies it and changes
     * nothing the command sees.
     */
    private void ensureUsr(Path root) throws IOException {
        Path usr = root.resolve("usr");
        if (!Files.exists(usr, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(usr);
            HostFiles.ownByShiftedRoot(usr, uidShift);
        }
    }

    private void createVolume(String service, VolumeSpec v) throws IOException {
        DatasetName target = volumeDataset(service, v.name());
        DatasetName kept = keptVolume(service, v.name());
        if (zfs.exists(kept)) {
            zfs.rename(kept, target); // data kept by an earlier 'rm' without --volumes
            if (!mounted(target)) {
                zfs.mount(target); // kept volumes were unmounted by the rm; the bind needs the data, not a mountpoint
            }
            DatasetName keptParent = kept.parent().orElseThrow();
            if (zfs.listChildren(keptParent, 1).isEmpty()) {
                unmountTree(keptParent);
                zfs.destroy(keptParent, DestroyMode.REFUSE_IF_DEPENDENTS);
            }
            return;
        }
        zfs.create(target, Map.of());
        Path dir = mountpoint.apply(target);
        Path seed = rootfs(service).resolve(v.path().substring(1));
        if (v.seed() && Files.isDirectory(seed, LinkOption.NOFOLLOW_LINKS)) {
            // cp -a keeps owners, modes, xattrs and hardlinks; the source is the image's own (safe) tree
            runner.run(Command.of("cp", "-a", "--", seed + "/.", dir + "/"));
        } else {
            HostFiles.ownByShiftedRoot(dir, uidShift);
        }
    }

    public void writeSpec(ServiceSpec spec) throws IOException {
        HostFiles.writeAtomically(directory(spec.name()).resolve(SPEC), SpecJson.write(spec));
    }

    public ServiceSpec spec(String service) {
        Path file = directory(service).resolve(SPEC);
        try {
            return SpecJson.read(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            if (!exists(service)) {
                throw new SvcctlException(SvcctlException.Kind.NOT_FOUND, "no service '" + service
                        + "' (see 'svcctl list')");
            }
            throw new SvcctlException(SvcctlException.Kind.FAILED, "while reading the spec of " + service + ": "
                    + file + " is missing; the service dataset " + dataset(service) + " is damaged", e);
        } catch (IOException e) {
            throw new SvcctlException(SvcctlException.Kind.FAILED, "while reading " + file + ": " + e.getMessage(), e);
        }
    }

    public List<String> names() {
        return zfs.listChildren(layout.services(), 1).stream().map(DatasetName::leaf).sorted().toList();
    }

    /** Disk use of the service: its clone's own blocks plus its volumes. */
    public long usedBytes(String service) {
        return zfs.get(dataset(service), PropertyName.USED).get(PropertyName.USED).longValue();
    }

    /** Every service by name, with its disk use (as {@link #usedBytes}): one zfs command for all of them. */
    public SortedMap<String, Long> usedBytesOfEach() {
        SortedMap<String, Long> used = new TreeMap<>();
        zfs.childrenProperties(layout.services(), PropertyName.USED).forEach((dataset, properties) ->
                used.put(dataset.leaf(), properties.get(PropertyName.USED).longValue()));
        return used;
    }

    /** Destroys the service's dataset; volumes go too with {@code withVolumes}, else they are kept for adoption. */
    public void destroy(String service, boolean withVolumes) {
        DatasetName ds = dataset(service);
        DatasetName volumes = ds.child("volumes");
        unmountTree(ds);
        if (!withVolumes && zfs.exists(volumes)) {
            for (DatasetName vol : zfs.listChildren(volumes, 1)) {
                DatasetName kept = keptVolume(service, vol.leaf());
                zfs.createWithParents(kept.parent().orElseThrow(), Map.of());
                zfs.rename(vol, kept);
            }
        }
        zfs.destroy(ds, DestroyMode.RECURSIVE);
    }

    /**
     * zfs-fuse's destroy of a mounted filesystem races its own asynchronous FUSE unmount and reports the dataset
     * busy; {@code zfs unmount} waits. Deepest first, so no parent is unmounted under a mounted child.
     */
    private void unmountTree(DatasetName ds) {
        List<DatasetName> tree = new ArrayList<>(zfs.listChildren(ds, VOLUME_DEPTH));
        tree.add(ds);
        tree.sort(Comparator.comparingInt((DatasetName d) -> d.value().length()).reversed());
        for (DatasetName d : tree) {
            if (mounted(d)) {
                zfs.unmount(d);
            }
        }
    }

    private boolean mounted(DatasetName d) {
        return zfs.get(d, PropertyName.MOUNTED).value(PropertyName.MOUNTED).orElse("no").equals("yes");
    }

    /** Adds volumes to an existing service (an edited spec), adopting kept ones as create does. */
    public void addVolumes(String service, List<VolumeSpec> volumes) throws IOException {
        DatasetName parent = dataset(service).child("volumes");
        if (!volumes.isEmpty() && !zfs.exists(parent)) {
            zfs.create(parent, Map.of());
        }
        for (VolumeSpec v : volumes) {
            createVolume(service, v);
        }
    }

    /** Records which image a service came from, on a service that arrived by zfs receive (local properties do not travel). */
    public void markImage(String service, String imageId) {
        zfs.set(dataset(service), IMAGE, imageId);
    }

    public Optional<String> imageOf(String service) {
        return zfs.get(dataset(service), IMAGE).value(IMAGE).filter(v -> !v.equals("-"));
    }
}
