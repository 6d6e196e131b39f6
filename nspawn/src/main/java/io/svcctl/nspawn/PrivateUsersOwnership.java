package io.svcctl.nspawn;

import java.util.Locale;

/**
 * {@code PrivateUsersOwnership=} in [Files] (systemd 249 and later, bookworm's 252 included; older versions only
 * know the boolean {@code PrivateUsersChown=}): how nspawn reconciles the tree's owners with the container's range.
 */
public enum PrivateUsersOwnership {
    /** Leave the tree as it is: it must already be owned by the range. */
    OFF,
    /** Recursively chown the tree into the range (fails on file systems without ACL support, like zfs-fuse). */
    CHOWN,
    /** Idmapped mounts: the tree stays owned by 0-65535 and is mapped in memory (OpenZFS 2.2+, recent kernels). */
    MAP,
    /** MAP where available, else CHOWN. */
    AUTO;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
