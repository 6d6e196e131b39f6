package io.svcctl.rootfs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes tar bytes by hand, header field by header field, so tests can build what no honest tar writer
 * would: absolute and ".." names, raw binary PAX values, lying sizes, truncated streams.
 */
final class TestTar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** One entry; fields are public so each test sets only what it needs. */
    static final class H {
        byte[] name;
        char type;
        int mode = 0644;
        long uid;
        long gid;
        long mtime = 1_600_000_000L;
        byte[] link = new byte[0];
        int devMajor;
        int devMinor;
        byte[] prefix = new byte[0];
        byte[] content = new byte[0];
        /** Declared size; -1 means the content's length. */
        long size = -1;
        final List<byte[]> pax = new ArrayList<>();
        byte[] gnuLongName;
        byte[] gnuLongLink;

        H(char type, String name) {
            this.type = type;
            this.name = utf8(name);
        }

        H mode(int m) {
            mode = m;
            return this;
        }

        H owner(long u, long g) {
            uid = u;
            gid = g;
            return this;
        }

        H link(String target) {
            link = utf8(target);
            return this;
        }

        H content(String c) {
            content = utf8(c);
            return this;
        }

        H mtime(long seconds) {
            mtime = seconds;
            return this;
        }

        H device(int major, int minor) {
            devMajor = major;
            devMinor = minor;
            return this;
        }

        /** Adds a PAX record with a raw value, in an 'x' header written before this entry. */
        H pax(String key, byte[] value) {
            pax.add(paxRecord(key, value));
            return this;
        }

        H pax(String key, String value) {
            return pax(key, utf8(value));
        }
    }

    /** "LEN KEY=VALUE\n" with LEN counting the whole record, its own digits included. */
    static byte[] paxRecord(String key, byte[] value) {
        byte[] kv = concat(utf8(" " + key + "="), value, new byte[]{'\n'});
        int digits = String.valueOf(kv.length).length();
        while (String.valueOf(kv.length + digits).length() != digits) {
            digits++;
        }
        return concat(utf8(String.valueOf(kv.length + digits)), kv);
    }

    static H file(String name, String content) {
        return new H('0', name).content(content);
    }

    static H dir(String name) {
        return new H('5', name).mode(0755);
    }

    static H symlink(String name, String target) {
        return new H('2', name).mode(0777).link(target);
    }

    static H hardlink(String name, String target) {
        return new H('1', name).link(target);
    }

    TestTar add(H... hs) {
        for (H h : hs) {
            if (!h.pax.isEmpty()) {
                byte[] records = concat(h.pax.toArray(new byte[0][]));
                block(header(utf8("PaxHeaders/x"), 'x', 0644, 0, 0, records.length, 0, new byte[0], 0, 0, new byte[0]));
                data(records);
            }
            if (h.gnuLongName != null) {
                gnuLong('L', h.gnuLongName);
            }
            if (h.gnuLongLink != null) {
                gnuLong('K', h.gnuLongLink);
            }
            long size = h.size >= 0 ? h.size : h.content.length;
            block(header(h.name, h.type, h.mode, h.uid, h.gid, size, h.mtime, h.link, h.devMajor, h.devMinor, h.prefix));
            if (h.size >= 0 && h.size != h.content.length) {
                out.writeBytes(h.content); // a lying size: no padding, the stream is what it is
            } else {
                data(h.content);
            }
        }
        return this;
    }

    /** The archive with its end-of-archive marker. */
    byte[] bytes() {
        byte[] body = out.toByteArray();
        return concat(body, new byte[1024]);
    }

    /** The archive as written so far, without an end marker (a truncated stream). */
    byte[] raw() {
        return out.toByteArray();
    }

    private void gnuLong(char type, byte[] value) {
        byte[] v = concat(value, new byte[1]);
        block(header(utf8("././@LongLink"), type, 0644, 0, 0, v.length, 0, new byte[0], 0, 0, new byte[0]));
        data(v);
    }

    private void data(byte[] d) {
        out.writeBytes(d);
        out.writeBytes(new byte[(512 - d.length % 512) % 512]);
    }

    private void block(byte[] b) {
        out.writeBytes(b);
    }

    private static byte[] header(byte[] name, char type, int mode, long uid, long gid, long size, long mtime,
                                 byte[] link, int major, int minor, byte[] prefix) {
        byte[] h = new byte[512];
        put(h, 0, 100, name);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, utf8("ustar\0"));
        put(h, 263, 2, utf8("00"));
        put(h, 265, 32, utf8("root"));
        put(h, 297, 32, utf8("root"));
        octal(h, 329, 8, major);
        octal(h, 337, 8, minor);
        put(h, 345, 155, prefix);
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        return h;
    }

    private static void put(byte[] h, int off, int len, byte[] v) {
        if (v.length > len) {
            throw new IllegalArgumentException("field too long for the ustar header: " + v.length + " > " + len);
        }
        System.arraycopy(v, 0, h, off, v.length);
    }

    private static void octal(byte[] h, int off, int len, long v) {
        String s = Long.toOctalString(v);
        if (s.length() > len - 1) {
            throw new IllegalArgumentException("number too large for the ustar field: " + v);
        }
        put(h, off, len, utf8("0".repeat(len - 1 - s.length()) + s));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
