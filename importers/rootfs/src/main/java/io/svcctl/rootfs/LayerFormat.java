package io.svcctl.rootfs;

/** How a layer tar lays out its files. */
public enum LayerFormat {
    /** OCI/Docker: entries are rootfs paths; {@code .wh.NAME} and {@code .wh..wh..opq} are whiteouts. */
    OCI,
    /** appc ACI: rootfs paths live under {@code rootfs/}, other entries (the manifest) are ignored; no whiteouts. */
    ACI
}
