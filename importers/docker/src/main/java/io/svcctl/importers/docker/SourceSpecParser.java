package io.svcctl.importers.docker;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** skopeo-style transport parsing behind {@link ImageSourceSpec#parse}. */
final class SourceSpecParser {
    // skopeo's rule for OCI layout tags: components of letters and digits joined by separators
    private static final Pattern OCI_TAG = Pattern.compile("[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*(?:/[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*)*");

    /** Transports skopeo knows that svcctl does not import from, named so the error can say so. */
    private static final List<String> UNSUPPORTED = List.of("oci-archive", "dir", "docker-daemon",
            "containers-storage", "ostree", "sif", "tarball");

    static ImageSourceSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("while parsing an image source: it is empty (expected docker://REF, "
                    + "docker-archive:FILE[:REF] or oci:DIR[:TAG])");
        }
        if (text.startsWith(ImageSourceSpec.DOCKER + "://")) {
            return new ImageSourceSpec.Registry(ImageReference.parse(text.substring(ImageSourceSpec.DOCKER.length() + 3)));
        }
        if (text.startsWith(ImageSourceSpec.DOCKER_ARCHIVE + ":")) {
            return parseArchive(text, text.substring(ImageSourceSpec.DOCKER_ARCHIVE.length() + 1));
        }
        if (text.startsWith(ImageSourceSpec.OCI + ":")) {
            return parseOci(text, text.substring(ImageSourceSpec.OCI.length() + 1));
        }
        for (String transport : UNSUPPORTED) {
            if (text.startsWith(transport + ":")) {
                throw invalid(text, "the " + transport + " transport is not supported; use docker://, docker-archive: or oci:");
            }
        }
        // a bare reference, including "docker:dind": Docker Hub's image named docker, not a transport
        return new ImageSourceSpec.Registry(ImageReference.parse(text));
    }

    private static ImageSourceSpec parseArchive(String text, String rest) {
        int colon = rest.indexOf(':');
        String file = colon < 0 ? rest : rest.substring(0, colon);
        if (file.isEmpty()) {
            throw invalid(text, "the archive path is empty");
        }
        if (colon < 0) {
            return new ImageSourceSpec.DockerArchive(Path.of(file), Optional.empty(), OptionalInt.empty());
        }
        String selector = rest.substring(colon + 1);
        if (selector.startsWith("@")) {
            try {
                int index = Integer.parseInt(selector.substring(1));
                if (index < 0) {
                    throw new NumberFormatException();
                }
                return new ImageSourceSpec.DockerArchive(Path.of(file), Optional.empty(), OptionalInt.of(index));
            } catch (NumberFormatException e) {
                throw invalid(text, "'" + selector + "' is not an image index (want @0, @1, ...)");
            }
        }
        ImageReference reference = ImageReference.parse(selector);
        if (reference.digest().isPresent()) {
            throw invalid(text, "a docker-archive image is chosen by a tagged reference, not by a digest");
        }
        return new ImageSourceSpec.DockerArchive(Path.of(file), Optional.of(reference), OptionalInt.empty());
    }

    private static ImageSourceSpec parseOci(String text, String rest) {
        int colon = rest.indexOf(':');
        String dir = colon < 0 ? rest : rest.substring(0, colon);
        if (dir.isEmpty()) {
            throw invalid(text, "the layout directory is empty");
        }
        if (colon < 0) {
            return new ImageSourceSpec.OciLayout(Path.of(dir), Optional.empty());
        }
        String tag = rest.substring(colon + 1);
        if (!OCI_TAG.matcher(tag).matches()) {
            throw invalid(text, "'" + tag + "' is not a valid OCI layout tag");
        }
        return new ImageSourceSpec.OciLayout(Path.of(dir), Optional.of(tag));
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("while parsing image source '" + text + "': " + why);
    }

    private SourceSpecParser() {
    }
}
