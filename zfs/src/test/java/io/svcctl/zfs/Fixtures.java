package io.svcctl.zfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Outputs captured from the real zfs-fuse 0.7 userland (Debian bookworm), under resources zfs-fuse/. */
final class Fixtures {

    private Fixtures() {
    }

    static String zfsFuse(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("zfs-fuse/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture zfs-fuse/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
