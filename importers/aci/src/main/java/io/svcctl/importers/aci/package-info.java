/**
 * The appc ACI importer (reserved: no issue has asked for it yet). When it comes it will read ACI files
 * (a tar with {@code manifest} and {@code rootfs/}), resolve dependencies, discover images by name and check
 * signatures, and yield the same {@link io.svcctl.rootfs.Image} the Docker importer does, applied by the same
 * {@link io.svcctl.rootfs.LayerApplier} with {@link io.svcctl.rootfs.LayerFormat#ACI}.
 */
package io.svcctl.importers.aci;
