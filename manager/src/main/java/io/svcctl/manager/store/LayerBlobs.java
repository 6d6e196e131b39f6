package io.svcctl.manager.store;

import io.svcctl.rootfs.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where the image store gets layer blobs: the importer fetches (in parallel, cached), the store applies each
 * one as soon as it is there, while the later ones still arrive. Closing stops fetches still under way.
 */
public interface LayerBlobs extends AutoCloseable {
    /** Starts making the blobs of {@code layers} available, downloading what is missing; called once, first. */
    void fetch(List<Layer> layers) throws IOException;

    /**
     * The blob as stored (compressed or not), once it is there. Its digest and size were verified when it was
     * stored, so the applier verifies only the diff id.
     */
    InputStream open(Layer layer) throws IOException;

    @Override
    void close();
}
