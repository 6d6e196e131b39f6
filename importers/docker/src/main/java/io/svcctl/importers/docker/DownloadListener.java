package io.svcctl.importers.docker;

import io.svcctl.rootfs.Descriptor;

/**
 * Progress of blob downloads, for the CLI to render. Called from download threads, possibly several at once.
 */
public interface DownloadListener {
    /** Ignores everything. */
    DownloadListener NONE = new DownloadListener() {
    };

    /** A download begins (or resumes); {@code total} is the blob's size. */
    default void started(Descriptor blob, long total) {
    }

    /** {@code bytes} of the blob are on disk so far, counting any part kept from an interrupted download. */
    default void progress(Descriptor blob, long bytes) {
    }

    /** The blob is in the cache and verified; {@code cached}: it was there already, nothing was downloaded. */
    default void done(Descriptor blob, boolean cached) {
    }
}
