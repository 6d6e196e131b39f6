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
        try (Downloads downloads = start(blobs, source, listener)) {
            List<Path> paths = new ArrayList<>(blobs.size());
            for (Descriptor blob : blobs) {
                paths.add(downloads.await(blob));
            }
            return paths;
        }
    }

    /**
     * Starts fetching every blob (each digest once, in the order given) and returns at once, so that the
     * caller can use each blob as soon as it is there while the others still download.
     */
    public Downloads start(List<Descriptor> blobs, BlobSource source, DownloadListener listener) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, blobs.size())), r -> {
            Thread t = new Thread(r, "svcctl-download-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Map<Descriptor, Future<Path>> futures = new LinkedHashMap<>();
        for (Descriptor blob : blobs) {
            futures.computeIfAbsent(blob, b -> executor.submit(() -> {
                try {
                    return cache.fetch(b, source, listener);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return new Downloads(executor, futures);
    }

    /** Downloads under way; closing cancels the unfinished ones (their partial files stay for a resume). */
    public static final class Downloads implements AutoCloseable {
        private final ExecutorService executor;
        private final Map<Descriptor, Future<Path>> futures;

        private Downloads(ExecutorService executor, Map<Descriptor, Future<Path>> futures) {
            this.executor = executor;
            this.futures = futures;
        }

        /** The blob's path in the cache once its download has finished; its failure is thrown here. */
        public Path await(Descriptor blob) throws IOException {
            Future<Path> future = futures.get(blob);
            if (future == null) {
                throw new IllegalArgumentException("blob " + blob.digest() + " is not among the downloads");
            }
            return LayerDownloader.await(future);
        }

        @Override
        public void close() {
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
