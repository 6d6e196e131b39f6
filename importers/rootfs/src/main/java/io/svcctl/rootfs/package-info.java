/**
 * The image model every source yields ({@link io.svcctl.rootfs.Image}, {@link io.svcctl.rootfs.Layer},
 * {@link io.svcctl.rootfs.Digest} ...) and the one safe layer applier they all feed.
 *
 * <p>Importers call {@link io.svcctl.rootfs.LayerApplier#applyBlob} once per layer, bottom first, onto the
 * image dataset's rootfs, snapshotting after each; on any {@link io.svcctl.rootfs.LayerApplyException} the
 * rootfs is rolled back to the previous snapshot. {@link io.svcctl.rootfs.RootfsListing} renders a tree as
 * comparable text for tests (ours against umoci's).
 */
package io.svcctl.rootfs;
