package io.svcctl.manager.store;

import io.svcctl.rootfs.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Where the image store gets layer blobs: the importer fetches (in parallel, cached), the store applies. */
public interface LayerBlobs {
    /** Makes the blobs of {@code layers} available, downloading what is missing; called once, before any open. */
    void fetch(List<Layer> layers) throws IOException;

    /** The blob as stored (compressed or not); the applier verifies digest, size and diff id. */
    InputStream open(Layer layer) throws IOException;
}
