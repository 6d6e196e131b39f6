package io.svcctl.rootfs;

import java.io.IOException;

/** A failed native call, keeping errno so callers can tell "not supported here" from real failures. */
final class ErrnoException extends IOException {
    private final int errno;

    ErrnoException(String call, String path, int errno, String description) {
        super(call + "(" + path + ") failed: " + description + " (errno " + errno + ")");
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
