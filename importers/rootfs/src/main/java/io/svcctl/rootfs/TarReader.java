package io.svcctl.rootfs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal streaming tar reader: ustar, PAX ({@code x} and {@code g}) and GNU long names ({@code L}, {@code K}).
 *
 * <p>Why our own and not commons-compress's TarArchiveInputStream: that one decodes PAX values as UTF-8
 * strings, so binary xattr values such as {@code security.capability} come back corrupted, and a side scan
 * of the raw PAX records would need a second parse of the same header structure anyway. Layer tars use a
 * small subset of the format, so a reader that keeps names and xattr values as bytes until it has
 * validated them is the simpler correct approach. GNU sparse files are refused (no layer writer emits
 * them). Reaching the end-of-archive marker is not the end of the stream: callers drain the rest.
 */
final class TarReader {
    private static final int BLOCK = 512;
    /** PAX and long-name records are held in memory: cap them (xattr values are at most 64 KiB on Linux). */
    private static final int MAX_META = 1 << 20;

    private final InputStream in;
    private final byte[] block = new byte[BLOCK];
    private final Map<String, byte[]> globalPax = new HashMap<>();
    private long remaining;
    private long padding;
    /** The last entry whose name is known ("" before the first), for messages. */
    private String current = "";
    /** True while the header being parsed is {@link #current}'s own. */
    private boolean named;
    private boolean ended;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null after the end-of-archive marker (or a clean end of stream at a header). */
    TarEntry next() throws IOException {
        if (ended) {
            return null;
        }
        skipFully(remaining);
        remaining = 0;
        boolean endedAtPadding = !skipPadding(padding);
        padding = 0;
        if (endedAtPadding) {
            ended = true;
            return null;
        }
        Map<String, byte[]> pax = new LinkedHashMap<>(globalPax);
        byte[] longName = null;
        byte[] longLink = null;
        named = false;
        while (true) {
            if (!readHeader()) {
                ended = true;
                return null;
            }
            long size = number(124, 12, "size");
            byte type = block[156];
            switch (type) {
                case 'x' -> parsePax(readMeta(size, "PAX header"), pax);
                case 'g' -> {
                    Map<String, byte[]> g = new LinkedHashMap<>();
                    parsePax(readMeta(size, "PAX global header"), g);
                    globalPax.putAll(g);
                    pax.putAll(g);
                }
                case 'L' -> longName = trimNuls(readMeta(size, "GNU long name"));
                case 'K' -> longLink = trimNuls(readMeta(size, "GNU long link name"));
                default -> {
                    return entry(type, size, pax, longName, longLink);
                }
            }
        }
    }

    /** The current entry's content: exactly its size, then EOF; a stream that ends early is an error. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new EOFException("the layer stream ended with " + remaining
                            + " bytes of this entry's declared content missing (truncated layer)");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private TarEntry entry(byte type, long headerSize, Map<String, byte[]> pax, byte[] longName, byte[] longLink)
            throws IOException {
        String name = pathField(pax.get("path"), longName, headerName());
        current = name;
        named = true;
        String link = pathField(pax.get("linkpath"), longLink, text(157, 100, "link name"));
        long size = pax.containsKey("size") ? paxLong(pax, "size") : headerSize;
        EntryKind kind = switch (type) {
            case '0', '7' -> EntryKind.REGULAR;
            case 0 -> name.endsWith("/") ? EntryKind.DIRECTORY : EntryKind.REGULAR;
            case '1' -> EntryKind.HARDLINK;
            case '2' -> EntryKind.SYMLINK;
            case '3' -> EntryKind.CHAR_DEVICE;
            case '4' -> EntryKind.BLOCK_DEVICE;
            case '5' -> EntryKind.DIRECTORY;
            case '6' -> EntryKind.FIFO;
            case 'S' -> throw new LayerApplyException(name, "GNU sparse files are not supported in layers");
            default -> throw new LayerApplyException(name, "unsupported tar entry type '"
                    + EntryNames.quote(String.valueOf((char) (type & 0xff))) + "'");
        };
        for (String key : pax.keySet()) {
            if (key.startsWith("GNU.sparse.")) {
                throw new LayerApplyException(name, "GNU sparse files are not supported in layers");
            }
        }
        // As Go's archive/tar does, only regular files carry content, whatever the size field says.
        remaining = kind == EntryKind.REGULAR ? size : 0;
        padding = (BLOCK - remaining % BLOCK) % BLOCK;
        long uid = pax.containsKey("uid") ? paxLong(pax, "uid") : number(108, 8, "uid");
        long gid = pax.containsKey("gid") ? paxLong(pax, "gid") : number(116, 8, "gid");
        Instant mtime = pax.containsKey("mtime") ? paxTime(pax, "mtime") : Instant.ofEpochSecond(number(136, 12, "mtime"));
        Instant atime = pax.containsKey("atime") ? paxTime(pax, "atime") : null;
        int mode = (int) (number(100, 8, "mode") & 07777);
        boolean device = kind == EntryKind.CHAR_DEVICE || kind == EntryKind.BLOCK_DEVICE;
        int major = device ? (int) number(329, 8, "device major") : 0;
        int minor = device ? (int) number(337, 8, "device minor") : 0;
        return new TarEntry(name, kind, link, mode, uid, gid, kind == EntryKind.REGULAR ? size : 0,
                mtime, atime, major, minor, xattrs(pax));
    }

    /** Reads one header block; false at the end of the archive. Verifies the checksum. */
    private boolean readHeader() throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw truncated("a header");
        }
        if (allZero(block)) {
            // End of archive is two zero blocks; Go's writer and others sometimes stop after one.
            int m = in.readNBytes(block, 0, BLOCK);
            if (m == 0 || (m == BLOCK && allZero(block))) {
                return false;
            }
            throw new LayerApplyException(current, "corrupt tar: a zero block followed by data " + where());
        }
        long stored;
        try {
            stored = number(148, 8, "checksum");
        } catch (LayerApplyException unreadable) {
            stored = -1; // not even a number: not a tar header, reported below
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = (i >= 148 && i < 156) ? ' ' : block[i];
            unsigned += b & 0xff;
            signed += (i >= 148 && i < 156) ? ' ' : block[i];
        }
        if (stored != unsigned && stored != signed) {
            throw new LayerApplyException(current, "not a tar stream or corrupt: a header " + where()
                    + " fails its checksum (is the layer encrypted or in an unknown compression?)");
        }
        return true;
    }

    private String headerName() throws IOException {
        String name = text(0, 100, "name");
        boolean posix = block[257] == 'u' && Arrays.equals(Arrays.copyOfRange(block, 257, 263),
                "ustar\0".getBytes(StandardCharsets.US_ASCII));
        if (posix && block[345] != 0) {
            return text(345, 155, "name prefix") + "/" + name;
        }
        return name;
    }

    private String pathField(byte[] pax, byte[] gnu, String header) throws IOException {
        if (pax != null && pax.length > 0) {
            return utf8(pax);
        }
        return gnu != null ? utf8(gnu) : header;
    }

    private String text(int off, int len, String what) throws IOException {
        int end = off;
        while (end < off + len && block[end] != 0) {
            end++;
        }
        return utf8(Arrays.copyOfRange(block, off, end));
    }

    /** Names are UTF-8 or refused: a lossy decode would silently write a different name. */
    private String utf8(byte[] raw) throws LayerApplyException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new LayerApplyException(new String(raw, StandardCharsets.UTF_8), "the name '"
                    + EntryNames.escapeBytes(raw) + "' is not valid UTF-8 and cannot be written faithfully");
        }
    }

    /** An octal field (NUL/space padded), or base-256 when its top bit is set (GNU/star large numbers). */
    private long number(int off, int len, String what) throws LayerApplyException {
        if ((block[off] & 0x80) != 0) {
            if ((block[off] & 0x40) != 0) {
                throw new LayerApplyException(current, "negative " + what + " " + where());
            }
            long v = block[off] & 0x3f;
            for (int i = off + 1; i < off + len; i++) {
                if ((v >>> 55) != 0) {
                    throw new LayerApplyException(current, what + " too large " + where());
                }
                v = (v << 8) | (block[i] & 0xff);
            }
            return v;
        }
        int i = off;
        int end = off + len;
        while (i < end && (block[i] == ' ' || block[i] == 0)) {
            i++;
        }
        long v = 0;
        for (; i < end && block[i] != ' ' && block[i] != 0; i++) {
            int d = block[i] - '0';
            if (d < 0 || d > 7 || (v >>> 60) != 0) {
                throw new LayerApplyException(current, "corrupt tar: bad " + what + " field " + where());
            }
            v = (v << 3) | d;
        }
        return v;
    }

    private byte[] readMeta(long size, String what) throws IOException {
        if (size > MAX_META) {
            throw new LayerApplyException(current, "a " + what + " of " + size + " bytes " + where() + " is"
                    + " larger than the " + MAX_META + " bytes accepted");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw truncated("a " + what);
        }
        skipFully((BLOCK - size % BLOCK) % BLOCK);
        return data;
    }

    /** PAX records: "LEN KEY=VALUE\n", LEN counting the whole record; values are kept as raw bytes. */
    private void parsePax(byte[] data, Map<String, byte[]> into) throws LayerApplyException {
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            long len = 0;
            while (space < data.length && data[space] >= '0' && data[space] <= '9' && len < MAX_META) {
                len = len * 10 + (data[space] - '0');
                space++;
            }
            if (space == pos || space >= data.length || data[space] != ' ' || len > data.length - pos
                    || pos + len <= space + 1 || data[(int) (pos + len) - 1] != '\n') {
                throw new LayerApplyException(current, "corrupt PAX header " + where());
            }
            int end = (int) (pos + len);
            int eq = space + 1;
            while (eq < end - 1 && data[eq] != '=') {
                eq++;
            }
            if (eq >= end - 1 && data[eq] != '=') {
                throw new LayerApplyException(current, "corrupt PAX record (no '=') " + where());
            }
            String key = utf8(Arrays.copyOfRange(data, space + 1, eq));
            into.put(key, Arrays.copyOfRange(data, eq + 1, end - 1));
            pos = end;
        }
    }

    /** SCHILY.xattr.NAME=raw bytes (Go, GNU tar, star); LIBARCHIVE.xattr.%-ENCODED-NAME=base64 (bsdtar). */
    private Map<String, byte[]> xattrs(Map<String, byte[]> pax) throws LayerApplyException {
        Map<String, byte[]> x = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : pax.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("LIBARCHIVE.xattr.")) {
                try {
                    x.putIfAbsent(utf8(percentDecode(key.substring(17))),
                            Base64.getDecoder().decode(new String(e.getValue(), StandardCharsets.US_ASCII).strip()));
                } catch (IllegalArgumentException bad) {
                    throw new LayerApplyException(current, "corrupt PAX record '" + EntryNames.quote(key) + "'");
                }
            }
        }
        for (Map.Entry<String, byte[]> e : pax.entrySet()) {
            if (e.getKey().startsWith("SCHILY.xattr.")) {
                x.put(e.getKey().substring(13), e.getValue());
            }
        }
        return x;
    }

    private static byte[] percentDecode(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[raw.length];
        int n = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length) {
                out[n++] = (byte) Integer.parseInt(new String(raw, i + 1, 2, StandardCharsets.US_ASCII), 16);
                i += 2;
            } else {
                out[n++] = raw[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private long paxLong(Map<String, byte[]> pax, String key) throws LayerApplyException {
        String v = new String(pax.get(key), StandardCharsets.US_ASCII);
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new LayerApplyException(current, "bad PAX " + key + " '" + EntryNames.quote(v) + "'");
        }
    }

    private Instant paxTime(Map<String, byte[]> pax, String key) throws LayerApplyException {
        String v = new String(pax.get(key), StandardCharsets.US_ASCII);
        try {
            BigDecimal t = new BigDecimal(v);
            long seconds = t.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
            long nanos = t.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new LayerApplyException(current, "bad PAX " + key + " '" + EntryNames.quote(v) + "'");
        }
    }

    /** Reads and discards: InputStream.skip may bypass wrappers (DigestInputStream does not hash skipped bytes). */
    private void skipFully(long n) throws IOException {
        byte[] scratch = new byte[8192];
        while (n > 0) {
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, n));
            if (r < 0) {
                throw truncated("entry content");
            }
            n -= r;
        }
    }

    /**
     * Skips the zero padding after an entry's content; false when the stream ends right where the padding would
     * start. umoci 0.4 writes such layers (no padding and no end marker after the last file); Go's archive/tar,
     * which Docker and umoci read layers with, takes that as the end of the archive, and so does this. The
     * content itself must still be whole, and a padding cut part-way is still a truncated layer.
     */
    private boolean skipPadding(long n) throws IOException {
        if (n == 0) {
            return true;
        }
        int r = in.readNBytes(new byte[(int) n], 0, (int) n);
        if (r == 0) {
            return false;
        }
        if (r < n) {
            throw truncated("the padding after entry content");
        }
        return true;
    }

    private String where() {
        return named ? "in its header" : current.isEmpty() ? "at the start of the layer" : "after this entry";
    }

    private LayerApplyException truncated(String what) {
        return new LayerApplyException(current, "the layer stream ended in the middle of " + what
                + " (truncated layer)");
    }

    private static byte[] trimNuls(byte[] b) {
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        return Arrays.copyOf(b, end);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
