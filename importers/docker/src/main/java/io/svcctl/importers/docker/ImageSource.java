package io.svcctl.importers.docker;

import io.svcctl.rootfs.BlobSource;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.Platform;
import java.io.Closeable;
import java.io.IOException;

/**
 * An image's source: a registry, a docker-archive or an OCI layout. Every source yields the same {@link Image};
 * its layers are then read through {@link #blobs()} (see {@link BlobCache}).
 */
public interface ImageSource extends Closeable {
    /**
     * Reads the manifest, choosing from an index the first image that runs as {@code platform}, and the config;
     * both are verified against their digests. A source with a single image returns it whatever its platform.
     */
    Image resolve(Platform platform) throws IOException;

    /** The source's blobs, by descriptor. Streams are raw: verify them (as {@link BlobCache} does). */
    BlobSource blobs();
}
