package io.svcctl.manager.imports;

import io.svcctl.importers.docker.BlobCache;
import io.svcctl.importers.docker.DownloadListener;
import io.svcctl.importers.docker.LayerDownloader;
import io.svcctl.manager.store.LayerBlobs;
import io.svcctl.rootfs.BlobSource;
import io.svcctl.rootfs.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/**
 * Layer blobs through the blob cache: missing ones are downloaded in parallel, present ones are not
 * downloaded again; the store applies each from the cache as soon as its download is done.
 */
public final class CachedLayerBlobs implements LayerBlobs {
    private final BlobCache cache;
    private final BlobSource source;
    private final DownloadListener listener;
    private final int parallel;
    private LayerDownloader.Downloads downloads;

    public CachedLayerBlobs(BlobCache cache, BlobSource source, DownloadListener listener, int parallel) {
        this.cache = cache;
        this.source = source;
        this.listener = listener;
        this.parallel = parallel;
    }

    @Override
    public void fetch(List<Layer> layers) {
        downloads = new LayerDownloader(cache, parallel).start(layers.stream().map(Layer::blob).toList(), source,
                listener);
    }

    @Override
    public InputStream open(Layer layer) throws IOException {
        if (downloads == null) {
            throw new IllegalStateException("open() before fetch()");
        }
        return Files.newInputStream(downloads.await(layer.blob()));
    }

    @Override
    public void close() {
        if (downloads != null) {
            downloads.close();
        }
    }
}
