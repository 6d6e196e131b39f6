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

    // Written out, as in every record compared or hashed on a command's way: a record's generated equals and
    // hashCode build method handles on first use, 1-12 ms of a fresh JVM each (docs/performance.md).
    @Override
    public boolean equals(Object o) {
        return o instanceof Descriptor d && Objects.equals(mediaType, d.mediaType) && digest.equals(d.digest) && size == d.size;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Objects.hashCode(mediaType) + digest.hashCode()) + Long.hashCode(size);
    }
}
