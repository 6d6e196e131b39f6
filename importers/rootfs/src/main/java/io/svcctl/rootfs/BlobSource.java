package io.svcctl.rootfs;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where an image's blobs come from (a registry, a docker-archive, an OCI layout, an ACI file).
 * Streams are raw: the caller verifies digest and size (see {@link VerifyingInputStream}).
 */
public interface BlobSource {
    /** Opens the blob from byte {@code offset} on (0 for all of it); sources that cannot seek skip. */
    InputStream open(Descriptor blob, long offset) throws IOException;
}
