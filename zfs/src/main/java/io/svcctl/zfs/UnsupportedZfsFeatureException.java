package io.svcctl.zfs;

/** Asked for a feature this host's ZFS userland does not have, e.g. resumable receive on zfs-fuse. */
public final class UnsupportedZfsFeatureException extends ZfsException {

    private final ZfsFeature feature;

    UnsupportedZfsFeatureException(ZfsFeature feature, String hostDescription) {
        super(Kind.UNSUPPORTED, feature.needs() + "; this host runs " + hostDescription, null);
        this.feature = feature;
    }

    public ZfsFeature feature() {
        return feature;
    }
}
