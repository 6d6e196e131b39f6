package io.svcctl.zfs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Parsers for what zfs and zpool print in scripted mode. Pure. */
final class ZfsOutput {

    private ZfsOutput() {
    }

    /**
     * Parses {@code zfs get -H -p -o name,property,value,source}. A value may contain tabs (user properties
     * can), so the value is everything between the second tab and the last one; names and sources never do.
     */
    static List<ZfsProperty> parseGet(String stdout) {
        return parseGet(stdout, property -> true);
    }

    /** As {@link #parseGet(String)}, keeping only rows whose property column passes {@code keep}. */
    static List<ZfsProperty> parseGet(String stdout, Predicate<String> keep) {
        List<ZfsProperty> rows = new ArrayList<>();
        for (String line : stdout.lines().toList()) {
            if (line.isEmpty()) {
                continue;
            }
            int first = line.indexOf('\t');
            int second = first < 0 ? -1 : line.indexOf('\t', first + 1);
            int last = line.lastIndexOf('\t');
            if (second < 0 || last <= first || last < second) {
                throw malformed("zfs get", line);
            }
            String property = line.substring(first + 1, second);
            if (!keep.test(property)) {
                continue;
            }
            rows.add(new ZfsProperty(line.substring(0, first),
                    PropertyName.parse(property),
                    line.substring(second + 1, last),
                    PropertySource.parse(line.substring(last + 1))));
        }
        return rows;
    }

    /** Groups rows by the object they belong to, keeping zfs's order. */
    static Map<String, ZfsProperties> byOwner(List<ZfsProperty> rows) {
        Map<String, Map<PropertyName, ZfsProperty>> grouped = new LinkedHashMap<>();
        for (ZfsProperty row : rows) {
            grouped.computeIfAbsent(row.owner(), k -> new LinkedHashMap<>()).put(row.name(), row);
        }
        Map<String, ZfsProperties> result = new LinkedHashMap<>();
        grouped.forEach((owner, props) -> result.put(owner, new ZfsProperties(owner, props)));
        return result;
    }

    /**
     * The datasets one level below any of {@code parents} with their properties, from {@code zfs get -d}: the
     * parents, deeper datasets, snapshots and bookmarks are left out.
     */
    static Map<DatasetName, ZfsProperties> children(List<DatasetName> parents, List<ZfsProperty> rows) {
        Map<DatasetName, ZfsProperties> children = new LinkedHashMap<>();
        byOwner(rows).forEach((owner, properties) -> {
            if (owner.indexOf('@') < 0 && owner.indexOf('#') < 0) {
                DatasetName dataset = DatasetName.parse(owner);
                if (dataset.parent().filter(parents::contains).isPresent()) {
                    children.put(dataset, properties);
                }
            }
        });
        return children;
    }

    /** The properties of exactly one object, failing when zfs printed something else. */
    static ZfsProperties single(String owner, List<ZfsProperty> rows) {
        ZfsProperties found = byOwner(rows).get(owner);
        if (found == null) {
            throw new IllegalStateException("zfs get printed no properties for " + owner);
        }
        return found;
    }

    /**
     * The snapshots of {@code dataset} in creation order, from {@code zfs get -d 1} of type, guid, createtxg
     * and creation. Rows of child datasets, their snapshots and bookmarks are skipped.
     */
    static List<SnapshotInfo> snapshotsOf(DatasetName dataset, List<ZfsProperty> rows) {
        String prefix = dataset.value() + "@";
        return snapshots(rows, owner -> owner.startsWith(prefix));
    }

    /**
     * From {@code zfs get -d 2} of type, guid, createtxg and creation over {@code parents}: the datasets one level
     * below a parent, in zfs's order, each with its snapshots oldest first. Deeper datasets and bookmarks are
     * skipped.
     */
    static Map<DatasetName, List<SnapshotInfo>> childrenWithSnapshots(List<DatasetName> parents, List<ZfsProperty> rows) {
        Map<DatasetName, List<SnapshotInfo>> children = new LinkedHashMap<>();
        children(parents, rows).keySet().forEach(dataset -> children.put(dataset, new ArrayList<>()));
        for (SnapshotInfo snapshot : snapshots(rows, owner -> owner.indexOf('@') > 0)) {
            List<SnapshotInfo> of = children.get(snapshot.name().dataset());
            if (of != null) {
                of.add(snapshot);
            }
        }
        children.replaceAll((dataset, snapshots) -> List.copyOf(snapshots));
        return children;
    }

    private static List<SnapshotInfo> snapshots(List<ZfsProperty> rows, Predicate<String> wanted) {
        List<SnapshotInfo> snapshots = new ArrayList<>();
        byOwner(rows).forEach((owner, props) -> {
            if (wanted.test(owner)) {
                snapshots.add(new SnapshotInfo(SnapshotName.parse(owner),
                        new Guid(props.get(PropertyName.GUID).unsignedLongValue()),
                        props.get(PropertyName.CREATETXG).longValue(),
                        Instant.ofEpochSecond(props.get(PropertyName.CREATION).longValue())));
            }
        });
        snapshots.sort(Comparator.comparingLong(SnapshotInfo::createTxg));
        return snapshots;
    }

    /**
     * From {@code zfs get -r origin,mounted} over a pool: the mounted filesystems that renaming
     * {@code dataset} touches, deepest first. Those are the dataset, its descendants, and the clones of
     * their snapshots with the clones' own descendants and clones.
     */
    static List<DatasetName> mountedDependents(DatasetName dataset, List<ZfsProperty> rows) {
        Map<String, ZfsProperties> filesystems = new LinkedHashMap<>();
        byOwner(rows).forEach((owner, props) -> {
            if (owner.indexOf('@') < 0 && owner.indexOf('#') < 0) {
                filesystems.put(owner, props);
            }
        });
        Set<String> affected = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, ZfsProperties> fs : filesystems.entrySet()) {
                String name = fs.getKey();
                if (affected.contains(name)) {
                    continue;
                }
                String origin = fs.getValue().value(PropertyName.ORIGIN).orElse("");
                String originDataset = origin.indexOf('@') < 0 ? "" : origin.substring(0, origin.indexOf('@'));
                if (within(name, dataset.value())
                        || affected.stream().anyMatch(a -> within(name, a) || a.equals(originDataset))) {
                    affected.add(name);
                    grew = true;
                }
            }
        }
        List<DatasetName> mounted = new ArrayList<>();
        for (String name : affected) {
            if (filesystems.get(name).value(PropertyName.MOUNTED).orElse("").equals("yes")) {
                mounted.add(DatasetName.parse(name));
            }
        }
        mounted.sort(Comparator.comparingInt((DatasetName d) -> d.components().size()).reversed());
        return mounted;
    }

    private static boolean within(String name, String root) {
        return name.equals(root) || name.startsWith(root + "/");
    }

    /** Dataset names from {@code zfs list -H -o name}, without {@code self}. */
    static List<DatasetName> datasetsBelow(DatasetName self, String stdout) {
        List<DatasetName> names = new ArrayList<>();
        for (String line : stdout.lines().toList()) {
            if (!line.isEmpty() && !line.equals(self.value())) {
                names.add(DatasetName.parse(line));
            }
        }
        return names;
    }

    /** Tags from {@code zfs holds -H SNAP}: NAME, TAG, TIMESTAMP separated by tabs. */
    static Set<HoldTag> parseHolds(String stdout) {
        Set<HoldTag> tags = new LinkedHashSet<>();
        for (String line : stdout.lines().toList()) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length < 2) {
                throw malformed("zfs holds", line);
            }
            tags.add(HoldTag.parse(fields[1]));
        }
        return tags;
    }

    /** {@code zpool list -H -o name,health}. */
    static List<PoolStatus> parsePools(String stdout) {
        List<PoolStatus> pools = new ArrayList<>();
        for (String line : stdout.lines().toList()) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 2) {
                throw malformed("zpool list", line);
            }
            pools.add(new PoolStatus(PoolName.parse(fields[0]), fields[1]));
        }
        return pools;
    }

    /**
     * The table {@code zpool get PROPS POOL} prints where there is no {@code -H} (zfs-fuse): a header
     * NAME PROPERTY VALUE SOURCE whose columns are as wide as their widest cell, so the header's word
     * positions cut every row.
     */
    static List<ZfsProperty> parsePoolTable(String stdout) {
        List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return List.of();
        }
        String header = lines.get(0);
        int property = header.indexOf("PROPERTY");
        int value = header.indexOf("VALUE");
        int source = header.indexOf("SOURCE");
        if (!header.startsWith("NAME") || property < 0 || value < property || source < value) {
            throw malformed("zpool get", header);
        }
        List<ZfsProperty> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.length() <= source) {
                throw malformed("zpool get", line);
            }
            rows.add(new ZfsProperty(line.substring(0, property).strip(),
                    PropertyName.parse(line.substring(property, value).strip()),
                    line.substring(value, source).strip(),
                    PropertySource.parse(line.substring(source).strip())));
        }
        return rows;
    }

    private static IllegalStateException malformed(String command, String line) {
        return new IllegalStateException("could not read a line of " + command + " output: "
                + NameCheck.forMessage(line));
    }
}
