package io.svcctl.importers.docker;

import java.io.IOException;
import java.io.InputStream;

/** Recognizes a stream's compression by its magic bytes: archives and layers do not always say. */
enum Compression {
    NONE, GZIP, ZSTD, XZ, BZIP2;

    static Compression sniff(InputStream in) throws IOException {
        byte[] head = in.readNBytes(6);
        if (startsWith(head, 0x1f, 0x8b)) {
            return GZIP;
        }
        if (startsWith(head, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ZSTD;
        }
        if (startsWith(head, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return XZ;
        }
        if (startsWith(head, 'B', 'Z', 'h')) {
            return BZIP2;
        }
        return NONE;
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
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
