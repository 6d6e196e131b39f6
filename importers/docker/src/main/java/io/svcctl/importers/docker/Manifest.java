package io.svcctl.importers.docker;

import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed manifest: either one image's (config + layers) or an index of per-platform manifests. */
sealed interface Manifest {
    String mediaType();

    /** Docker schema 2 or OCI image manifest. */
    record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers) implements Manifest {
        public ImageManifest {
            layers = List.copyOf(layers);
        }
    }

    /** Docker manifest list or OCI image index. */
    record Index(String mediaType, List<Entry> manifests) implements Manifest {
        public Index {
            manifests = List.copyOf(manifests);
        }
    }

    /** One manifest an index points at. */
    record Entry(Descriptor descriptor, Optional<Platform> platform, Map<String, String> annotations) {
        static final String REF_NAME = "org.opencontainers.image.ref.name";

        public Entry {
            annotations = Map.copyOf(annotations);
        }

        Optional<String> refName() {
            return Optional.ofNullable(annotations.get(REF_NAME));
        }
    }
}
