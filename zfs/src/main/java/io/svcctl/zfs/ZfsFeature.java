package io.svcctl.zfs;

/**
 * Things some ZFS userlands can do and others cannot. The zfs-fuse userland (pool version 23) has none
 * of them; OpenZFS has them from the release noted.
 */
public enum ZfsFeature {
    /** {@code zfs list -p}; without it parse {@code zfs get -H -p}, which both userlands have. */
    PARSABLE_LIST("listing exact numbers (zfs list -p)", Requirement.OPENZFS),
    /** {@code zfs receive -s}, the {@code receive_resume_token} property and {@code zfs send -t}. */
    RESUMABLE_RECEIVE("resumable receive", Requirement.OPENZFS),
    BOOKMARKS("creating bookmarks", Requirement.OPENZFS),
    /** {@code zfs allow}; zfs-fuse ships the command without its helper, so it always fails there. */
    DELEGATION("delegated administration (zfs allow)", Requirement.OPENZFS),
    /** {@code zfs holds}; zfs-fuse can place and release holds but not list them. */
    HOLDS_LISTING("listing holds (zfs holds)", Requirement.OPENZFS),
    /** {@code zpool get -H -p -o ...}; zfs-fuse only prints a rounded, human-readable table. */
    SCRIPTED_POOL_PROPERTIES("reading exact pool properties (zpool get -p)", Requirement.OPENZFS),
    /** Idmapped mounts of datasets, for user-namespaced containers with {@code --private-users-ownership=map}. */
    IDMAPPED_MOUNTS("mapping ownership with idmapped mounts", Requirement.OPENZFS_2_2);

    /** The least OpenZFS a feature needs, and how to say so. */
    enum Requirement {
        // `zfs version` itself arrived with 0.8, so every release the probe calls OpenZFS is at least that
        OPENZFS(ZfsVersion.of(0, 8, 0), "OpenZFS 2.x"),
        OPENZFS_2_2(ZfsVersion.of(2, 2, 0), "OpenZFS 2.2 or later");

        final ZfsVersion minimum;
        final String label;

        Requirement(ZfsVersion minimum, String label) {
            this.minimum = minimum;
            this.label = label;
        }
    }

    private final String description;
    private final Requirement requirement;

    ZfsFeature(String description, Requirement requirement) {
        this.description = description;
        this.requirement = requirement;
    }

    public String description() {
        return description;
    }

    Requirement requirement() {
        return requirement;
    }

    /** E.g. "resumable receive needs OpenZFS 2.x". */
    public String needs() {
        return description + " needs " + requirement.label;
    }
}
