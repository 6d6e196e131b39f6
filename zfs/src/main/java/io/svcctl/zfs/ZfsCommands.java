package io.svcctl.zfs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The argv of every zfs and zpool command svcctl runs, built from validated names only. Pure: nothing
 * here runs anything. Every argv uses only options that zfs-fuse and OpenZFS share, unless a
 * {@link ZfsFeature} guards it.
 */
final class ZfsCommands {

    static final String ZFS = "zfs";
    static final String ZPOOL = "zpool";
    static final String GET_FIELDS = "name,property,value,source";

    /** ZFS_MAXPROPLEN (8192) less the terminating NUL. */
    static final int MAX_VALUE_BYTES = 8191;

    private ZfsCommands() {
    }

    static List<String> create(DatasetName dataset, Map<PropertyName, String> properties, boolean parents) {
        List<String> argv = new ArrayList<>(List.of(ZFS, "create"));
        if (parents) {
            argv.add("-p");
        }
        addOptions(argv, "-o", properties);
        argv.add(dataset.value());
        return argv;
    }

    static List<String> clone(SnapshotName origin, DatasetName target, Map<PropertyName, String> properties) {
        List<String> argv = new ArrayList<>(List.of(ZFS, "clone"));
        addOptions(argv, "-o", properties);
        argv.add(origin.value());
        argv.add(target.value());
        return argv;
    }

    static List<String> snapshot(SnapshotName snapshot, boolean recursive) {
        return recursive
                ? List.of(ZFS, "snapshot", "-r", snapshot.value())
                : List.of(ZFS, "snapshot", snapshot.value());
    }

    static List<String> destroy(ZfsName name, DestroyMode mode) {
        switch (mode) {
            case RECURSIVE:
                return List.of(ZFS, "destroy", "-r", name.value());
            case RECURSIVE_WITH_CLONES:
                return List.of(ZFS, "destroy", "-R", name.value());
            default:
                return List.of(ZFS, "destroy", name.value());
        }
    }

    static List<String> rollback(SnapshotName snapshot) {
        return List.of(ZFS, "rollback", snapshot.value());
    }

    static List<String> rename(ZfsName from, ZfsName to) {
        return List.of(ZFS, "rename", from.value(), to.value());
    }

    static List<String> promote(DatasetName clone) {
        return List.of(ZFS, "promote", clone.value());
    }

    static List<String> mount(DatasetName dataset) {
        return List.of(ZFS, "mount", dataset.value());
    }

    static List<String> unmount(DatasetName dataset) {
        return List.of(ZFS, "unmount", dataset.value());
    }

    /** {@code zfs get -H -p}: the one property reader both userlands have (zfs-fuse has no {@code list -p}). */
    static List<String> get(List<? extends ZfsName> names, List<PropertyName> properties) {
        List<String> argv = new ArrayList<>(List.of(ZFS, "get", "-H", "-p", "-o", GET_FIELDS, join(properties)));
        names.forEach(n -> argv.add(n.value()));
        return argv;
    }

    /** {@code zfs get -r}: the dataset, all its descendants and their snapshots. */
    static List<String> getRecursive(DatasetName dataset, List<PropertyName> properties) {
        return List.of(ZFS, "get", "-H", "-p", "-r", "-o", GET_FIELDS, join(properties), dataset.value());
    }

    /** {@code zfs get -d depth}: each dataset, its descendants to that depth, and their snapshots. */
    static List<String> getToDepth(List<DatasetName> datasets, int depth, List<PropertyName> properties) {
        checkDepth(depth);
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("zfs get needs at least one dataset");
        }
        List<String> argv = new ArrayList<>(List.of(ZFS, "get", "-H", "-p", "-d", Integer.toString(depth), "-o",
                GET_FIELDS, join(properties)));
        datasets.forEach(d -> argv.add(d.value()));
        return argv;
    }

    /** All properties set locally or received on {@code name}; user properties are filtered by the caller. */
    static List<String> getLocal(ZfsName name) {
        return List.of(ZFS, "get", "-H", "-p", "-s", "local,received", "-o", GET_FIELDS, "all", name.value());
    }

    static List<String> set(ZfsName name, PropertyName property, String value) {
        // one property per call: zfs-fuse's set takes exactly one name=value
        return List.of(ZFS, "set", assignment(property, value), name.value());
    }

    static List<String> inherit(ZfsName name, PropertyName property) {
        return List.of(ZFS, "inherit", property.value(), name.value());
    }

    /** Filesystems and volumes below {@code dataset} (and the dataset itself: zfs list always includes it). */
    static List<String> listDatasets(DatasetName dataset, int depth) {
        checkDepth(depth);
        return List.of(ZFS, "list", "-H", "-o", "name", "-t", "filesystem,volume", "-d", Integer.toString(depth),
                dataset.value());
    }

    static List<String> hold(SnapshotName snapshot, HoldTag tag) {
        return List.of(ZFS, "hold", tag.value(), snapshot.value());
    }

    static List<String> release(SnapshotName snapshot, HoldTag tag) {
        return List.of(ZFS, "release", tag.value(), snapshot.value());
    }

    static List<String> holds(SnapshotName snapshot) {
        return List.of(ZFS, "holds", "-H", snapshot.value());
    }

    static List<String> send(SendRequest request) {
        List<String> argv = new ArrayList<>(List.of(ZFS, "send"));
        if (request.replicate()) {
            argv.add("-R");
        }
        if (request.properties()) {
            argv.add("-p");
        }
        request.from().ifPresent(from -> {
            argv.add(request.intermediates() ? "-I" : "-i");
            argv.add(from.value());
        });
        argv.add(request.snapshot().value());
        return argv;
    }

    static List<String> sendResume(ResumeToken token) {
        return List.of(ZFS, "send", "-t", token.value());
    }

    static List<String> receive(DatasetName target, ReceiveOptions options) {
        List<String> argv = new ArrayList<>(List.of(ZFS, "receive"));
        if (options.forceRollback()) {
            argv.add("-F");
        }
        if (options.noMount()) {
            argv.add("-u");
        }
        if (options.resumable()) {
            argv.add("-s");
        }
        argv.add(target.value());
        return argv;
    }

    static List<String> listPools() {
        return List.of(ZPOOL, "list", "-H", "-o", "name,health");
    }

    static List<String> createPool(PoolName pool, List<Path> files, Map<PropertyName, String> rootProperties) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one vdev file");
        }
        List<String> argv = new ArrayList<>(List.of(ZPOOL, "create"));
        addOptions(argv, "-O", rootProperties);
        argv.add(pool.value());
        for (Path file : files) {
            argv.add(vdevFile(file));
        }
        return argv;
    }

    static List<String> destroyPool(PoolName pool) {
        return List.of(ZPOOL, "destroy", pool.value());
    }

    static List<String> poolGet(PoolName pool, List<PropertyName> properties, boolean scripted) {
        if (scripted) {
            return List.of(ZPOOL, "get", "-H", "-p", "-o", GET_FIELDS, join(properties), pool.value());
        }
        // zfs-fuse: a header and aligned columns, values rounded
        return List.of(ZPOOL, "get", join(properties), pool.value());
    }

    private static String vdevFile(Path file) {
        String text = file.toString();
        if (!file.isAbsolute() || !file.normalize().equals(file)) {
            throw new IllegalArgumentException("a vdev file must be an absolute, normalized path: " + text);
        }
        if (text.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\t')) {
            throw new IllegalArgumentException("a vdev file path may not contain line breaks or tabs: " + text);
        }
        return text;
    }

    private static void addOptions(List<String> argv, String option, Map<PropertyName, String> properties) {
        // sorted, so the same request always gives the same argv
        properties.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.value().compareTo(b.value())))
                .forEach(e -> {
                    argv.add(option);
                    argv.add(assignment(e.getKey(), e.getValue()));
                });
    }

    static String assignment(PropertyName property, String value) {
        checkValue(property, value);
        return property.value() + "=" + value;
    }

    /** A value must survive {@code zfs get -H}'s one-line-per-property output and fit zfs's limit. */
    static void checkValue(PropertyName property, String value) {
        if (value.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\0')) {
            throw new IllegalArgumentException("the value of property " + property
                    + " may not contain line breaks or NUL bytes");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("the value of property " + property + " is longer than "
                    + MAX_VALUE_BYTES + " bytes");
        }
    }

    private static String join(List<PropertyName> properties) {
        if (properties.isEmpty()) {
            throw new IllegalArgumentException("name at least one property");
        }
        return properties.stream().map(PropertyName::value).collect(Collectors.joining(","));
    }

    private static void checkDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1: " + depth);
        }
    }
}
