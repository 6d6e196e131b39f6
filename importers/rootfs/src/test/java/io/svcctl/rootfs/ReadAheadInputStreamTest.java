package io.svcctl.rootfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {
    private static final int CHUNK = 16;

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static ReadAheadInputStream ahead(InputStream source) {
        return new ReadAheadInputStream(source, CHUNK, 3, "test-read-ahead");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 10 * CHUNK + 7})
    void readsTheSourceExactlyInBulk(int size) throws IOException {
        byte[] data = bytes(size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReadAheadInputStream in = ahead(new ByteArrayInputStream(data))) {
            byte[] buffer = new byte[7]; // reads that straddle chunks
            int n;
            while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
                out.write(buffer, 0, n);
            }
            assertEquals(-1, in.read(buffer, 0, buffer.length), "the end stays the end");
        }
        assertArrayEquals(data, out.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3 * CHUNK + 5})
    void readsTheSourceExactlyByteByByte(int size) throws IOException {
        byte[] data = bytes(size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReadAheadInputStream in = ahead(new ByteArrayInputStream(data))) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                out.write(b);
            }
        }
        assertArrayEquals(data, out.toByteArray());
    }

    @Test
    void aFailureOfTheSourceArrivesAfterTheBytesBeforeIt() throws IOException {
        IOException broken = new IOException("connection reset");
        byte[] data = bytes(2 * CHUNK + 3);
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw broken;
                }
                return n;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReadAheadInputStream in = ahead(failing)) {
            IOException thrown = assertThrows(IOException.class, () -> in.transferTo(out));
            assertSame(broken, thrown);
        }
        assertArrayEquals(data, out.toByteArray());
    }

    @Test
    void stopHandsTheSourceBackOpenAndClosesThisStream() throws IOException {
        byte[] data = bytes(100 * CHUNK);
        TrackedStream source = new TrackedStream(data);
        ReadAheadInputStream in = ahead(source);
        assertEquals(data[0] & 0xff, in.read());
        in.stop();
        long position = source.position;
        assertFalse(source.closed);
        assertTrue(position < data.length, "it stopped before reading all of the source");
        assertEquals(data[(int) position] & 0xff, source.read(), "the caller reads on where the thread stopped");
        assertThrows(IOException.class, in::read);
        in.close();
        assertTrue(source.closed);
    }

    @Test
    void closeClosesTheSource() throws IOException {
        TrackedStream source = new TrackedStream(bytes(10 * CHUNK));
        ReadAheadInputStream in = ahead(source);
        in.close();
        assertTrue(source.closed);
        assertThrows(IOException.class, in::read);
    }

    /** Counts what was read from it and remembers being closed. */
    private static final class TrackedStream extends ByteArrayInputStream {
        volatile long position;
        volatile boolean closed;

        TrackedStream(byte[] data) {
            super(data);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            position = pos;
            return n;
        }

        @Override
        public synchronized int read() {
            int b = super.read();
            position = pos;
            return b;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
