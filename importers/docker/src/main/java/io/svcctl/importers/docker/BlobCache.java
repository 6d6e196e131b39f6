package io.svcctl.importers.docker;

import io.svcctl.rootfs.BlobSource;
import io.svcctl.rootfs.BlobVerificationException;
import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Digest;
import io.svcctl.rootfs.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Blobs on disk by digest, under a directory the caller chooses: {@code DIR/ALGORITHM/HEX}. A blob is written
 * to {@code HEX.partial} while it streams in, hashed and counted on the way, and renamed into place only once
 * digest and size match; so a file under its final name is always whole and verified. An interrupted download
 * resumes where the partial file ends (after re-hashing it). Two fetches of the same blob, from threads or from
 * processes, take turns on a lock file, and the second finds the blob present.
 */
public final class BlobCache {
    /** Transient failures (a dropped connection) are retried this often, each time resuming. */
    private static final int ATTEMPTS = 3;
    /** Big writes: on FUSE (zfs-fuse) each write call is a request to the daemon (see LayerApplier.IO_BUFFER). */
    private static final int BUFFER = 1 << 20;
    // a JVM holds a file lock for all its threads: threads first take turns here (striped, to stay bounded)
    private static final ReentrantLock[] STRIPES = new ReentrantLock[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new ReentrantLock();
        }
    }

    private final Path dir;

    public BlobCache(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** Where the verified blob lives (whether or not it is there). */
    public Path path(Digest digest) {
        return dir.resolve(digest.algorithm()).resolve(digest.hex());
    }

    public boolean contains(Descriptor blob) throws IOException {
        Path path = path(blob.digest());
        return Files.isRegularFile(path) && Files.size(path) == blob.size();
    }

    /** The blob's path in the cache, downloading it from {@code source} unless it is there already. */
    public Path fetch(Descriptor blob, BlobSource source, DownloadListener listener) throws IOException {
        Path target = path(blob.digest());
        if (contains(blob)) {
            listener.done(blob, true);
            return target;
        }
        Files.createDirectories(target.getParent());
        Path lockFile = target.resolveSibling(blob.digest().hex() + ".lock");
        ReentrantLock stripe = STRIPES[Math.floorMod(target.hashCode(), STRIPES.length)];
        try {
            stripe.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to download " + blob.digest());
        }
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockChannel.lock()) {
            if (contains(blob)) {
                listener.done(blob, true); // another fetch finished it while this one waited
                return target;
            }
            download(blob, source, listener, target);
            listener.done(blob, false);
            return target;
        } finally {
            stripe.unlock();
        }
    }

    private void download(Descriptor blob, BlobSource source, DownloadListener listener, Path target) throws IOException {
        Path partial = target.resolveSibling(blob.digest().hex() + ".partial");
        Files.deleteIfExists(target); // a wrong-sized file under the final name: not ours to trust
        IOException last = null;
        boolean restarted = false;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            boolean resuming = Files.isRegularFile(partial) && Files.size(partial) > 0;
            try {
                attempt(blob, source, listener, partial);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (BlobVerificationException e) {
                Files.deleteIfExists(partial);
                // a mismatch after a resume may be the kept part's fault: start once from scratch before giving up
                if (!resuming || restarted) {
                    throw e;
                }
                restarted = true;
                last = e;
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                last = e; // the partial file keeps what arrived: the next attempt resumes from there
            }
        }
        throw last;
    }

    /** One pass: re-hash what the partial file holds, then append the rest from the source, verifying. */
    private static void attempt(Descriptor blob, BlobSource source, DownloadListener listener, Path partial)
            throws IOException {
        MessageDigest md = blob.digest().newMessageDigest();
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            long kept = rehash(out, md, blob.size());
            listener.started(blob, blob.size());
            listener.progress(blob, kept);
            if (kept == blob.size()) {
                checkWhole(blob, md);
                out.force(true);
                return;
            }
            out.position(kept);
            try (InputStream raw = source.open(blob, kept);
                 VerifyingInputStream in = new VerifyingInputStream(raw, blob, md, kept)) {
                byte[] buffer = new byte[BUFFER];
                int filled = 0;
                try {
                    int n;
                    while ((n = in.read(buffer, filled, buffer.length - filled)) >= 0) {
                        filled += n;
                        if (filled == buffer.length) {
                            out.write(ByteBuffer.wrap(buffer));
                            filled = 0;
                        }
                        listener.progress(blob, in.count());
                    }
                } finally {
                    // also what arrived before a dropped connection: the next attempt resumes after it
                    out.write(ByteBuffer.wrap(buffer, 0, filled));
                }
            }
            out.force(true);
        }
    }

    /** Hashes the partial file's bytes; a partial longer than the blob is garbage and is emptied. */
    private static long rehash(FileChannel file, MessageDigest md, long size) throws IOException {
        long length = file.size();
        if (length > size) {
            file.truncate(0);
            return 0;
        }
        if (length == 0) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long position = 0;
        while (position < length) {
            buffer.clear();
            int n = file.read(buffer, position);
            if (n < 0) {
                break;
            }
            md.update(buffer.array(), 0, n);
            position += n;
        }
        return position;
    }

    private static void checkWhole(Descriptor blob, MessageDigest md) throws BlobVerificationException {
        Digest actual = Digest.of(md);
        if (!actual.equals(blob.digest())) {
            throw new BlobVerificationException("blob content does not match its digest: expected " + blob.digest()
                    + ", got " + actual);
        }
    }
}
