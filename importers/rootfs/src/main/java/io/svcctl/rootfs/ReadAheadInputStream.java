package io.svcctl.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads its source on a thread of its own, a few chunks ahead of the reader: what the source does per byte
 * (decompressing and hashing a layer) then runs beside what the reader does with them (writing the layer's
 * files), on another CPU. Chunks go round between two queues, so nothing is allocated per chunk. A failure of the
 * source reaches the reader where it happened in the stream. Until the reader has seen the end, or called
 * {@link #stop}, the source belongs to that thread; it is never interrupted (an interrupt closes a file
 * channel), it stops before its next read.
 */
final class ReadAheadInputStream extends InputStream {
    /** A filled chunk, the end of the source, or its failure. */
    private record Chunk(byte[] data, int length, Throwable failure) {
        static final Chunk END = new Chunk(new byte[0], 0, null);
    }

    /** Wakes the thread when it waits for a buffer: it then sees that it is to stop. */
    private static final byte[] WAKE = new byte[0];

    private final InputStream source;
    private final BlockingQueue<byte[]> empty;
    private final BlockingQueue<Chunk> full;
    private final Thread reader;
    private Chunk current;
    private int position;
    private boolean ended;
    private boolean closed;
    private volatile boolean stopping;

    ReadAheadInputStream(InputStream source, int chunkSize, int chunks, String threadName) {
        this.source = source;
        this.empty = new ArrayBlockingQueue<>(chunks + 1);
        this.full = new ArrayBlockingQueue<>(chunks + 1);
        for (int i = 0; i < chunks; i++) {
            empty.add(new byte[chunkSize]);
        }
        this.reader = new Thread(this::readAhead, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    /** `full` never blocks: it has room for every buffer and one end or failure. */
    private void readAhead() {
        try {
            while (!stopping) {
                byte[] buffer = empty.take();
                if (stopping) {
                    return;
                }
                int filled = 0;
                try {
                    for (int n; filled < buffer.length && (n = source.read(buffer, filled, buffer.length - filled)) >= 0; ) {
                        filled += n;
                    }
                } catch (IOException | RuntimeException | Error e) {
                    if (filled > 0) {
                        full.add(new Chunk(buffer, filled, null)); // what arrived before the failure is read first
                    }
                    full.add(new Chunk(null, 0, e));
                    return;
                }
                if (filled == 0) {
                    full.add(Chunk.END);
                    return;
                }
                full.add(new Chunk(buffer, filled, null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts it; if someone did, it ends
        }
    }

    /** The chunk to read from, or null at the end. */
    private Chunk chunk() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (ended) {
            return null;
        }
        if (current != null && position < current.length()) {
            return current;
        }
        if (current != null) {
            empty.add(current.data());
            current = null;
        }
        Chunk next;
        try {
            next = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
        if (next.failure() != null) {
            ended = true;
            if (next.failure() instanceof IOException io) {
                throw io;
            }
            if (next.failure() instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) next.failure();
        }
        if (next == Chunk.END) {
            ended = true;
            return null;
        }
        current = next;
        position = 0;
        return current;
    }

    @Override
    public int read() throws IOException {
        Chunk c = chunk();
        return c == null ? -1 : c.data()[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        Chunk c = chunk();
        if (c == null) {
            return -1;
        }
        int n = Math.min(len, c.length() - position);
        System.arraycopy(c.data(), position, b, off, n);
        position += n;
        return n;
    }

    /**
     * Ends the reading thread (after the read it may be in) and gives the source back to the caller, unclosed;
     * what was read ahead is dropped and this stream reads nothing more.
     */
    void stop() throws InterruptedIOException {
        closed = true;
        stopping = true;
        empty.offer(WAKE);
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the read-ahead");
        }
    }

    @Override
    public void close() throws IOException {
        if (!stopping) {
            stop();
        }
        source.close();
    }
}
