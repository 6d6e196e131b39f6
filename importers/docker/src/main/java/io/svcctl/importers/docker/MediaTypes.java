package io.svcctl.importers.docker;

import java.util.List;
import java.util.Set;

/** The media types of Docker's schema 2 and OCI image manifests, indexes, configs and layers. */
final class MediaTypes {
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
    static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    static final String DOCKER_LAYER_FOREIGN = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";

    static final Set<String> IMAGE_MANIFESTS = Set.of(DOCKER_MANIFEST, OCI_MANIFEST);
    static final Set<String> INDEXES = Set.of(DOCKER_MANIFEST_LIST, OCI_INDEX);
    static final Set<String> SCHEMA1 = Set.of(DOCKER_SCHEMA1, DOCKER_SCHEMA1_SIGNED);
    static final Set<String> CONFIGS = Set.of(DOCKER_CONFIG, OCI_CONFIG);
    static final Set<String> LAYERS = Set.of(DOCKER_LAYER, DOCKER_LAYER_GZIP, DOCKER_LAYER_FOREIGN,
            OCI_LAYER, OCI_LAYER_GZIP, OCI_LAYER_ZSTD,
            "application/vnd.oci.image.layer.nondistributable.v1.tar",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd");

    /**
     * What a registry is asked for, best first. Schema 1 is not listed: a registry that has only that then
     * answers 404 or converts, and a schema 1 answer is refused with a message.
     */
    static final List<String> MANIFEST_ACCEPT = List.of(OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    private MediaTypes() {
    }
}
