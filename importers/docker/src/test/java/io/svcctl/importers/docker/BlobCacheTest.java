package io.svcctl.importers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svcctl.rootfs.BlobSource;
import io.svcctl.rootfs.BlobVerificationException;
import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobCacheTest {
    @TempDir
    Path dir;

    private final byte[] data = randomBytes(300_000);
    private final Descriptor blob = new Descriptor("application/octet-stream", Digest.sha256(data), data.length);

    @Test
    void downloadsVerifiesAndThenServesFromDisk() throws IOException {
        BlobCache cache = new BlobCache(dir);
        Source source = new Source(data);
        Recorder events = new Recorder();

        Path path = cache.fetch(blob, source, events);
        assertThat(path).isEqualTo(dir.resolve("sha256").resolve(blob.digest().hex()));
        assertThat(Files.readAllBytes(path)).isEqualTo(data);
        assertThat(events.events).startsWith("started " + data.length).endsWith("done false");
        assertThat(events.events).contains("progress " + data.length);

        Recorder again = new Recorder();
        assertThat(cache.fetch(blob, source, again)).isEqualTo(path);
        assertThat(again.events).containsExactly("done true");
        assertThat(source.offsets).containsExactly(0L);
        assertThat(Files.list(path.getParent()).map(p -> p.getFileName().toString()))
                .noneMatch(n -> n.endsWith(".partial"));
    }

    @Test
    void resumesFromThePartialFileAfterRehashingIt() throws IOException {
        BlobCache cache = new BlobCache(dir);
        writePartial(Arrays.copyOf(data, 123_456));
        Source source = new Source(data);
        Recorder events = new Recorder();

        Path path = cache.fetch(blob, source, events);

        assertThat(source.offsets).containsExactly(123_456L);
        assertThat(Files.readAllBytes(path)).isEqualTo(data);
        assertThat(events.events).contains("progress 123456");
    }

    @Test
    void aCorruptPartialFileIsDroppedAndTheDownloadStartsOver() throws IOException {
        BlobCache cache = new BlobCache(dir);
        byte[] wrong = Arrays.copyOf(data, 1000);
        wrong[10] ^= 1;
        writePartial(wrong);
        Source source = new Source(data);

        Path path = cache.fetch(blob, source, DownloadListener.NONE);

        assertThat(source.offsets).containsExactly(1000L, 0L);
        assertThat(Files.readAllBytes(path)).isEqualTo(data);
    }

    @Test
    void aCompletePartialIsFinishedWithoutAskingTheSource() throws IOException {
        BlobCache cache = new BlobCache(dir);
        writePartial(data);
        Source source = new Source(data);

        assertThat(Files.readAllBytes(cache.fetch(blob, source, DownloadListener.NONE))).isEqualTo(data);
        assertThat(source.offsets).isEmpty();
    }

    @Test
    void aDroppedConnectionIsRetriedFromWhereItBroke() throws IOException {
        BlobCache cache = new BlobCache(dir);
        Source source = new Source(data);
        source.failAfter = 100_000;

        Path path = cache.fetch(blob, source, DownloadListener.NONE);

        assertThat(source.offsets).hasSize(2).first().isEqualTo(0L);
        assertThat(source.offsets.get(1)).isGreaterThan(0L).isLessThanOrEqualTo(100_000L);
        assertThat(Files.readAllBytes(path)).isEqualTo(data);
    }

    @Test
    void wrongContentIsRefusedAndLeavesNothingBehind() throws IOException {
        BlobCache cache = new BlobCache(dir);
        byte[] tampered = data.clone();
        tampered[200_000] ^= 1;

        assertThatThrownBy(() -> cache.fetch(blob, new Source(tampered), DownloadListener.NONE))
                .isInstanceOf(BlobVerificationException.class)
                .hasMessageContaining("does not match its digest");
        assertThat(cache.contains(blob)).isFalse();
        assertThat(Files.exists(dir.resolve("sha256").resolve(blob.digest().hex() + ".partial"))).isFalse();

        assertThatThrownBy(() -> cache.fetch(blob, new Source(Arrays.copyOf(data, data.length + 5)), DownloadListener.NONE))
                .isInstanceOf(BlobVerificationException.class)
                .hasMessageContaining("longer than");
        assertThatThrownBy(() -> cache.fetch(blob, new Source(Arrays.copyOf(data, data.length - 5)), DownloadListener.NONE))
                .isInstanceOf(BlobVerificationException.class)
                .hasMessageContaining("ended after");
    }

    @Test
    void concurrentFetchesOfOneBlobDownloadItOnce() throws Exception {
        Source source = new Source(data);
        CountDownLatch release = new CountDownLatch(1);
        source.gate = release;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // two caches on one directory, as two imports would have
            Future<Path> a = pool.submit(() -> new BlobCache(dir).fetch(blob, source, DownloadListener.NONE));
            Future<Path> b = pool.submit(() -> new BlobCache(dir).fetch(blob, source, DownloadListener.NONE));
            release.countDown();
            assertThat(a.get()).isEqualTo(b.get());
        } finally {
            pool.shutdownNow();
        }
        assertThat(source.offsets).containsExactly(0L);
        assertThat(Files.readAllBytes(new BlobCache(dir).path(blob.digest()))).isEqualTo(data);
    }

    @Test
    void parallelDownloaderFetchesEachDigestOnceInOrder() throws IOException {
        byte[] other = randomBytes(5000);
        Descriptor second = new Descriptor("x", Digest.sha256(other), other.length);
        Source source = new Source(data);
        source.more = other;
        Recorder events = new Recorder();

        List<Path> paths = new LayerDownloader(new BlobCache(dir), 3).fetchAll(List.of(blob, second, blob), source, events);

        assertThat(paths).hasSize(3);
        assertThat(paths.get(0)).isEqualTo(paths.get(2));
        assertThat(Files.readAllBytes(paths.get(1))).isEqualTo(other);
        assertThat(events.events).filteredOn(e -> e.startsWith("done")).hasSize(2);
    }

    private void writePartial(byte[] bytes) throws IOException {
        Path partial = dir.resolve("sha256").resolve(blob.digest().hex() + ".partial");
        Files.createDirectories(partial.getParent());
        Files.write(partial, bytes);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** Serves bytes from memory, recording each offset asked for; can fail once mid-stream or wait for a gate. */
    private static final class Source implements BlobSource {
        final List<Long> offsets = new CopyOnWriteArrayList<>();
        final byte[] bytes;
        byte[] more;
        long failAfter = -1;
        CountDownLatch gate;

        Source(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public InputStream open(Descriptor d, long offset) throws IOException {
            offsets.add(offset);
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            byte[] content = more != null && d.size() == more.length ? more : bytes;
            InputStream in = new ByteArrayInputStream(content, (int) offset, content.length - (int) offset);
            if (failAfter < 0) {
                return in;
            }
            long limit = failAfter;
            failAfter = -1;
            return new InputStream() {
                long read = offset;

                @Override
                public int read() throws IOException {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (read >= limit) {
                        throw new IOException("connection reset");
                    }
                    int n = in.read(b, off, (int) Math.min(len, limit - read));
                    read += Math.max(n, 0);
                    return n;
                }
            };
        }
    }

    private static final class Recorder implements DownloadListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void started(Descriptor blob, long total) {
            events.add("started " + total);
        }

        @Override
        public void progress(Descriptor blob, long bytes) {
            events.add("progress " + bytes);
        }

        @Override
        public void done(Descriptor blob, boolean cached) {
            events.add("done " + cached);
        }
    }
}
