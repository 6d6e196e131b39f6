package io.svcctl.manager.imports;

import io.svcctl.importers.docker.BlobCache;
import io.svcctl.importers.docker.DownloadListener;
import io.svcctl.manager.store.LayerBlobs;
import io.svcctl.rootfs.BlobSource;
import io.svcctl.rootfs.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Layer blobs through the blob cache: missing ones are downloaded in parallel (a few at a time, as Docker
 * does), present ones are not downloaded again. The store then applies them in order from the cache.
 */
public final class CachedLayerBlobs implements LayerBlobs {
    private final BlobCache cache;
    private final BlobSource source;
    private final DownloadListener listener;
    private final int parallel;

    public CachedLayerBlobs(BlobCache cache, BlobSource source, DownloadListener listener, int parallel) {
        this.cache = cache;
        this.source = source;
        this.listener = listener;
        this.parallel = parallel;
    }

    @Override
    public void fetch(List<Layer> layers) throws IOException {
        if (layers.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, layers.size()), r -> {
            Thread t = new Thread(r, "svcctl-download");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> downloads = new ArrayList<>();
            for (Layer layer : layers) {
                downloads.add(pool.submit(() -> cache.fetch(layer.blob(), source, listener)));
            }
            for (Future<?> f : downloads) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading layers");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("while downloading layers: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public InputStream open(Layer layer) throws IOException {
        return Files.newInputStream(cache.fetch(layer.blob(), source, listener));
    }
}
