package io.svcctl.rootfs;

import java.util.Objects;

/**
 * How to apply a layer.
 *
 * @param idShift         ownership shift for user-namespaced services ({@link IdShift#NONE} for none)
 * @param preserveDevices create char/block device nodes (needs root); when false they are skipped and
 *                        reported. With a shift, device nodes are refused: a host device owned by the
 *                        container's root would hand the container that device.
 * @param format          OCI/Docker or ACI layout
 */
public record ApplyOptions(IdShift idShift, boolean preserveDevices, LayerFormat format) {
    /** No shift, devices skipped, OCI layout. */
    public static final ApplyOptions DEFAULT = new ApplyOptions(IdShift.NONE, false, LayerFormat.OCI);

    public ApplyOptions {
        Objects.requireNonNull(idShift, "idShift");
        Objects.requireNonNull(format, "format");
    }

    public ApplyOptions withIdShift(IdShift shift) {
        return new ApplyOptions(shift, preserveDevices, format);
    }

    public ApplyOptions withDevices(boolean preserve) {
        return new ApplyOptions(idShift, preserve, format);
    }

    public ApplyOptions withFormat(LayerFormat f) {
        return new ApplyOptions(idShift, preserveDevices, f);
    }
}
