package io.svcctl.zfs;

/** The name of a filesystem (or volume) or a snapshot: the things zfs get/set/destroy accept. */
public sealed interface ZfsName permits DatasetName, SnapshotName {

    /** The name as zfs prints and takes it. */
    String value();

    /** The dataset itself, or the dataset a snapshot belongs to. */
    DatasetName dataset();

    /** Parses a name zfs printed: a snapshot when it contains '@', a dataset otherwise. */
    static ZfsName parse(String name) {
        return name.indexOf('@') >= 0 ? SnapshotName.parse(name) : DatasetName.parse(name);
    }
}
