package io.svcctl.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

import com.github.luben.zstd.ZstdInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Layer compression, told by magic bytes: media types lie (Docker's "tar.gzip" schema-1 layers, registries
 * that relabel, tools that write zstd under a gzip type). Anything without a known magic is taken as
 * plain tar, which the tar reader then validates header by header.
 */
public enum Compression {
    NONE, GZIP, ZSTD, XZ, BZIP2;

    /** The longest magic below (xz's). */
    static final int MAGIC_LENGTH = 6;

    /** Pure: the compression that {@code head} (the first bytes of a blob, maybe fewer than 6) starts with. */
    public static Compression detect(byte[] head, int length) {
        if (starts(head, length, 0x1f, 0x8b)) {
            return GZIP;
        }
        if (starts(head, length, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ZSTD;
        }
        // zstd skippable frames (0x184D2A50..5F, little endian) may lead a zstd stream
        if (length >= 4 && (head[0] & 0xf0) == 0x50 && (head[1] & 0xff) == 0x2a && (head[2] & 0xff) == 0x4d
                && (head[3] & 0xff) == 0x18) {
            return ZSTD;
        }
        if (starts(head, length, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return XZ;
        }
        if (starts(head, length, 'B', 'Z', 'h') && length >= 4 && head[3] >= '1' && head[3] <= '9') {
            return BZIP2;
        }
        return NONE;
    }

    /** Wraps {@code in} to decompress this format; concatenated members/frames/streams are all read. */
    public InputStream wrap(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            case ZSTD -> new ZstdInputStream(in);
            case XZ -> new XZInputStream(in);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
        };
    }

    /** Peeks at the first bytes of {@code blob} and returns its decompressed content. */
    public static InputStream decompress(InputStream blob) throws IOException {
        PushbackInputStream in = new PushbackInputStream(blob, MAGIC_LENGTH);
        byte[] head = in.readNBytes(MAGIC_LENGTH);
        in.unread(head);
        return detect(head, head.length).wrap(in);
    }

    private static boolean starts(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
