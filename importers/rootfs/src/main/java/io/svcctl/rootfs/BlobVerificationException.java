package io.svcctl.rootfs;

import java.io.IOException;

/** A blob whose bytes do not match the digest or size that named it. Never retried silently. */
public final class BlobVerificationException extends IOException {
    public BlobVerificationException(String message) {
        super(message);
    }
}
