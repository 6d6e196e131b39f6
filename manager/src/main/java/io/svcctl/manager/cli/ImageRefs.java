package io.svcctl.manager.cli;

import io.svcctl.importers.docker.ImageReference;
import java.util.Optional;

/** How the CLI turns what a user typed into the reference an image was stored under. */
final class ImageRefs {
    private ImageRefs() {
    }

    /** {@code busybox} → {@code docker.io/library/busybox:latest}; empty when it is no Docker reference. */
    static Optional<String> normalize(String typed) {
        try {
            return Optional.of(ImageReference.parse(typed).toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
