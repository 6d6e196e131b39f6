package io.svcctl.manager.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The byte stream {@code svcctl send} writes and {@code svcctl receive} reads, so any transport (a pipe, ssh,
 * a file) can carry a service. Layout (integers are 4-byte big-endian, see docs/migration.md):
 * <pre>
 *   "SVCCTL-STREAM\n"  version  header-length  header (JSON: {@link Header})
 *   for each step i:   i  (chunk-length chunk-bytes)*  0
 *   -1
 * </pre>
 * Each step carries one zfs send stream cut into chunks, because its length is not known before it ends; a
 * stream that stops anywhere but after the final -1 is truncated and reads as an {@link IOException}, so a
 * receive fed from it never takes a partial stream for a whole one.
 */
public final class MigrationStream {
    static final byte[] MAGIC = "SVCCTL-STREAM\n".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    private static final int END = -1;
    private static final int MAX_HEADER = 16 * 1024 * 1024;
    private static final int MAX_CHUNK = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private MigrationStream() {
    }

    private static int readIntOrFail(DataInputStream in, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IOException("the stream broke off before " + what + " (the sender or the transport stopped)", e);
        }
    }

    /**
     * What the stream holds.
     *
     * @param stage      receive into the staging area (a migration); false: make the service at once
     * @param spec       the service's spec (service.json) as sent, for people and tools reading the stream
     * @param properties svcctl's user properties of the sent datasets (image references, ...) by source dataset
     */
    public record Header(int version, String service, String source, boolean stage, JsonNode spec,
                         Map<String, Map<String, String>> properties, List<SendStep> steps) {
        public Header {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
            steps = List.copyOf(steps);
        }
    }

    public static final class Writer {
        private final DataOutputStream out;
        private final Header header;
        private int next;
        private long payload;

        public Writer(OutputStream out, Header header) throws IOException {
            this.out = new DataOutputStream(out);
            this.header = header;
            byte[] json = JSON.writeValueAsBytes(header);
            this.out.write(MAGIC);
            this.out.writeInt(VERSION);
            this.out.writeInt(json.length);
            this.out.write(json);
        }

        /** Copies one step's zfs stream to its end; returns its size. Steps go in header order. */
        public long step(int index, InputStream zfsStream) throws IOException {
            if (index != next || index >= header.steps().size()) {
                throw new IllegalStateException("step " + index + " written out of order (expected " + next + ")");
            }
            out.writeInt(index);
            byte[] buffer = new byte[MAX_CHUNK];
            long total = 0;
            int n;
            while ((n = zfsStream.readNBytes(buffer, 0, buffer.length)) > 0) {
                out.writeInt(n);
                out.write(buffer, 0, n);
                total += n;
            }
            out.writeInt(0);
            next++;
            payload += total;
            return total;
        }

        public void finish() throws IOException {
            if (next != header.steps().size()) {
                throw new IllegalStateException("stream finished after " + next + " of " + header.steps().size() + " steps");
            }
            out.writeInt(END);
            out.flush();
        }

        public long payloadBytes() {
            return payload;
        }
    }

    public static final class Reader {
        private final DataInputStream in;
        private final Header header;
        private int next;

        private Reader(DataInputStream in, Header header) {
            this.in = in;
            this.header = header;
        }

        public static Reader open(InputStream stream) throws IOException {
            DataInputStream in = new DataInputStream(stream);
            byte[] magic = new byte[MAGIC.length];
            try {
                in.readFully(magic);
            } catch (EOFException e) {
                throw new IOException("the input is empty or shorter than an svcctl stream's header", e);
            }
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("the input is not an svcctl stream (it does not start with SVCCTL-STREAM)");
            }
            int version = readIntOrFail(in, "its version");
            if (version != VERSION) {
                throw new IOException("the stream has format version " + version + "; this svcctl reads version "
                        + VERSION + ": use the same svcctl version on both hosts");
            }
            int length = readIntOrFail(in, "its header");
            if (length <= 0 || length > MAX_HEADER) {
                throw new IOException("the stream's header length " + length + " is not plausible: damaged stream");
            }
            byte[] json = new byte[length];
            try {
                in.readFully(json);
            } catch (EOFException e) {
                throw new IOException("the stream broke off in its header (the sender or the transport stopped)", e);
            }
            return new Reader(in, JSON.readValue(json, Header.class));
        }

        public Header header() {
            return header;
        }

        /** The next step's zfs stream; read it to its end before asking for the next. */
        public InputStream step(int index) throws IOException {
            if (index != next) {
                throw new IllegalStateException("step " + index + " read out of order (expected " + next + ")");
            }
            int found = readInt("the start of step " + index);
            if (found != index) {
                throw new IOException("the stream has step " + found + " where step " + index + " belongs: damaged stream");
            }
            next++;
            return new Chunks(index);
        }

        public void finish() throws IOException {
            int end = readInt("the end marker");
            if (end != END || next != header.steps().size()) {
                throw new IOException("the stream does not end after its " + header.steps().size() + " steps: damaged");
            }
        }

        private int readInt(String what) throws IOException {
            return readIntOrFail(in, what);
        }

        /** One step's chunks as a plain stream: EOF at the terminating empty chunk, an error when cut short. */
        private final class Chunks extends InputStream {
            private final int index;
            private int remaining;
            private boolean done;

            Chunks(int index) {
                this.index = index;
            }

            private boolean fill() throws IOException {
                while (remaining == 0 && !done) {
                    int length = readInt("the end of step " + index);
                    if (length < 0 || length > MAX_CHUNK) {
                        throw new IOException("chunk length " + length + " in step " + index + ": damaged stream");
                    }
                    if (length == 0) {
                        done = true;
                    }
                    remaining = length;
                }
                return !done || remaining > 0;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = in.read(b, off, Math.min(len, remaining));
                if (n < 0) {
                    throw new IOException("the stream broke off in the middle of step " + index
                            + " (the sender or the transport stopped)");
                }
                remaining -= n;
                return n;
            }
        }
    }
}
