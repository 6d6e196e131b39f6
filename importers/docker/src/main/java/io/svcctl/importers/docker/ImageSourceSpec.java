package io.svcctl.importers.docker;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where to import an image from, in skopeo's transport syntax: {@code docker://REF} (or a bare REF),
 * {@code docker-archive:FILE[:REF|:@INDEX]} and {@code oci:DIR[:TAG]}. Parsed at the edge; the sources take these.
 */
public sealed interface ImageSourceSpec {
    String DOCKER = "docker";
    String DOCKER_ARCHIVE = "docker-archive";
    String OCI = "oci";

    /** An image in a registry. */
    record Registry(ImageReference reference) implements ImageSourceSpec {
        @Override
        public String toString() {
            return DOCKER + "://" + reference;
        }
    }

    /**
     * A {@code docker save} tarball. With several images in it, {@code reference} picks one by its RepoTags, or
     * {@code index} by its position in manifest.json (0-based, skopeo's {@code @N}).
     */
    record DockerArchive(Path file, Optional<ImageReference> reference, OptionalInt index) implements ImageSourceSpec {
        public DockerArchive {
            if (reference.isPresent() && index.isPresent()) {
                throw new IllegalArgumentException("a docker-archive image is chosen by reference or by @index, not both");
            }
        }

        @Override
        public String toString() {
            return DOCKER_ARCHIVE + ":" + file + reference.map(r -> ":" + r).orElse("")
                    + (index.isPresent() ? ":@" + index.getAsInt() : "");
        }
    }

    /** An OCI image layout directory; {@code tag} matches the {@code org.opencontainers.image.ref.name} annotation. */
    record OciLayout(Path directory, Optional<String> tag) implements ImageSourceSpec {
        @Override
        public String toString() {
            return OCI + ":" + directory + tag.map(t -> ":" + t).orElse("");
        }
    }

    /** Parses {@code docker://REF}, a bare REF, {@code docker-archive:FILE[:REF|:@N]} or {@code oci:DIR[:TAG]}. */
    static ImageSourceSpec parse(String text) {
        return SourceSpecParser.parse(text);
    }
}
