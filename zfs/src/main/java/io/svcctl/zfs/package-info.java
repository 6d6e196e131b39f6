/**
 * A typed client over zfs and zpool ({@link io.svcctl.zfs.Zfs}) for OpenZFS and zfs-fuse, with validated
 * names ({@link io.svcctl.zfs.DatasetName}, {@link io.svcctl.zfs.SnapshotName}, ...), a capability probe
 * ({@link io.svcctl.zfs.ZfsCapabilities}) and typed failures ({@link io.svcctl.zfs.ZfsException}).
 * Argv building and output parsing are pure and package-private; only {@code Zfs} runs commands.
 */
package io.svcctl.zfs;
