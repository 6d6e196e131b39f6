package io.svcctl.rootfs;

import java.util.Objects;

/** What a manifest says of a blob: its media type, digest and size. Sizes are checked while streaming. */
public record Descriptor(String mediaType, Digest digest, long size) {
    public Descriptor {
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("negative blob size " + size + " for " + digest);
        }
        mediaType = mediaType == null ? "" : mediaType;
    }
}
