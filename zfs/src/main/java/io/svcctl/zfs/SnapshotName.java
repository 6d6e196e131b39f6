package io.svcctl.zfs;

/** A snapshot name, {@code pool/a/b@snap}: a valid dataset, one '@', and a valid snapshot component. */
public record SnapshotName(DatasetName dataset, String snapshot) implements ZfsName {

    private static final String KIND = "snapshot";

    public SnapshotName {
        String whole = dataset + "@" + snapshot;
        NameCheck.length(KIND, whole, NameCheck.MAX_NAME_LENGTH);
        NameCheck.component(KIND, whole, snapshot);
    }

    public static SnapshotName parse(String value) {
        int at = value.indexOf('@');
        if (at < 0) {
            throw new InvalidZfsNameException(KIND, value, "it has no '@' between dataset and snapshot");
        }
        if (value.indexOf('@', at + 1) >= 0) {
            throw new InvalidZfsNameException(KIND, value, "it has more than one '@'");
        }
        DatasetName dataset;
        try {
            dataset = new DatasetName(value.substring(0, at));
        } catch (InvalidZfsNameException e) {
            throw new InvalidZfsNameException(KIND, value, "its dataset part is invalid (" + e.getMessage() + ")");
        }
        return new SnapshotName(dataset, value.substring(at + 1));
    }

    @Override
    public String value() {
        return dataset.value() + "@" + snapshot;
    }

    @Override
    public String toString() {
        return value();
    }

    // Written out, as in every record compared or hashed on a command's way: a record's generated equals and
    // hashCode build method handles on first use, 1-12 ms of a fresh JVM each (docs/performance.md).
    @Override
    public boolean equals(Object o) {
        return o instanceof SnapshotName s && dataset.equals(s.dataset) && snapshot.equals(s.snapshot);
    }

    @Override
    public int hashCode() {
        return 31 * dataset.hashCode() + snapshot.hashCode();
    }
}
