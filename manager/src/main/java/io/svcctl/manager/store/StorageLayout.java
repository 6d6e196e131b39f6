package io.svcctl.manager.store;

import io.svcctl.rootfs.Digest;
import io.svcctl.zfs.DatasetName;

/** Where everything lives under the root dataset (see docs/architecture.md). Pure naming. */
public record StorageLayout(DatasetName root) {
    public static final String MIGRATING = "migrating";

    /** The dataset every image sits in, named by its config digest: one image, one name, on every host. */
    public DatasetName image(Digest configDigest) {
        return images().child(configDigest.hex());
    }

    /** Where an image is built until it is whole; nothing uses a dataset here. */
    public DatasetName incoming(Digest configDigest) {
        return incoming().child(configDigest.hex());
    }

    public DatasetName service(String name) {
        return services().child(name);
    }

    public DatasetName images() {
        return root.child("images");
    }

    public DatasetName incoming() {
        return root.child("incoming");
    }

    public DatasetName services() {
        return root.child("services");
    }

    /** Where a migration target receives a service until the switch renames it into services/. */
    public DatasetName migrating() {
        return root.child(MIGRATING);
    }

    public DatasetName tenants() {
        return root.child("tenants");
    }

    /** Downloaded blobs by digest: a cache, safe to destroy. */
    public DatasetName cache() {
        return root.child("cache");
    }
}
