package io.svcctl.zfs;

/** A pool as {@code zpool list} shows it. */
public record PoolStatus(PoolName name, String health) {

    public boolean isOnline() {
        return health.equals("ONLINE");
    }
}
