package io.svcctl.importers.docker;

import io.svcctl.rootfs.BlobSource;
import io.svcctl.rootfs.Descriptor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Fetches several blobs into a {@link BlobCache} at once, a bounded number at a time. */
public final class LayerDownloader {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final BlobCache cache;
    private final int parallelism;

    /** @param parallelism how many downloads run at once (Docker's default is 3) */
    public LayerDownloader(BlobCache cache, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.cache = cache;
        this.parallelism = parallelism;
    }

    /**
     * Fetches every blob (each digest once) and returns their cache paths in the order given. On the first
     * failure the other downloads are cancelled (their partial files stay for a resume) and it is thrown.
     */
    public List<Path> fetchAll(List<Descriptor> blobs, BlobSource source, DownloadListener listener) throws IOException {
        Map<Descriptor, Future<Path>> futures = new LinkedHashMap<>();
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, blobs.size())), r -> {
            Thread t = new Thread(r, "svcctl-download-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            for (Descriptor blob : blobs) {
                futures.computeIfAbsent(blob, b -> executor.submit(() -> {
                    try {
                        return cache.fetch(b, source, listener);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            List<Path> paths = new ArrayList<>(blobs.size());
            for (Descriptor blob : blobs) {
                paths.add(await(futures.get(blob)));
            }
            return paths;
        } finally {
            executor.shutdownNow();
        }
    }

    private static Path await(Future<Path> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading layers");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(cause);
        }
    }
}
