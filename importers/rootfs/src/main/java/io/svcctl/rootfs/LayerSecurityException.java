package io.svcctl.rootfs;

/**
 * A layer entry that would create, change or follow something outside the rootfs (or replace the rootfs
 * itself). Such a layer is hostile or corrupt: it is refused, never retried, never "fixed up".
 */
public final class LayerSecurityException extends LayerApplyException {
    public LayerSecurityException(String entry, String why) {
        super(entry, why + "; refusing the layer (it is hostile or corrupt)");
    }
}
