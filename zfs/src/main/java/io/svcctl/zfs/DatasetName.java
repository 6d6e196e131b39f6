package io.svcctl.zfs;

import java.util.List;
import java.util.Optional;

/**
 * A filesystem or volume name, {@code pool/a/b}. Validated on construction, so a DatasetName can never
 * be an option ({@code -o}), two names, a snapshot, or a path that climbs out of its parent ({@code ..}).
 */
public record DatasetName(String value) implements ZfsName {

    private static final String KIND = "dataset";

    public DatasetName {
        NameCheck.length(KIND, value, NameCheck.MAX_NAME_LENGTH);
        String[] components = value.split("/", -1);
        PoolName.check(KIND, value, components[0]);
        for (int i = 1; i < components.length; i++) {
            NameCheck.component(KIND, value, components[i]);
        }
    }

    public static DatasetName parse(String value) {
        return new DatasetName(value);
    }

    public PoolName pool() {
        int slash = value.indexOf('/');
        return new PoolName(slash < 0 ? value : value.substring(0, slash));
    }

    /** The parent dataset; empty for a pool's root dataset. */
    public Optional<DatasetName> parent() {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? Optional.empty() : Optional.of(new DatasetName(value.substring(0, slash)));
    }

    /** A child dataset; {@code component} must be one valid component (no '/', '.', '..', '@'). */
    public DatasetName child(String component) {
        NameCheck.component(KIND, component, component);
        return new DatasetName(value + "/" + component);
    }

    /** A snapshot of this dataset. */
    public SnapshotName snapshot(String snapshot) {
        return new SnapshotName(this, snapshot);
    }

    /** The last component: the pool name for a root dataset. */
    public String leaf() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    public List<String> components() {
        return List.of(value.split("/"));
    }

    /** True when this dataset lies strictly below {@code ancestor}. */
    public boolean isDescendantOf(DatasetName ancestor) {
        return value.startsWith(ancestor.value + "/");
    }

    /** This dataset's name below {@code ancestor}, e.g. {@code services/web} below {@code tank/svcctl}. */
    public String relativeTo(DatasetName ancestor) {
        if (!isDescendantOf(ancestor)) {
            throw new IllegalArgumentException(value + " is not below " + ancestor);
        }
        return value.substring(ancestor.value.length() + 1);
    }

    @Override
    public DatasetName dataset() {
        return this;
    }

    @Override
    public String toString() {
        return value;
    }

    // Written out, as in every record compared or hashed on a command's way: a record's generated equals and
    // hashCode build method handles on first use, 1-12 ms of a fresh JVM each (docs/performance.md).
    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetName d && value.equals(d.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
