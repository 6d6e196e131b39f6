package io.svcctl.importers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses Docker schema 2 / OCI manifests and manifest lists / OCI indexes; refuses schema 1. */
final class ManifestParser {
    private ManifestParser() {
    }

    /**
     * @param contentType the Content-Type the bytes came with (null when unknown, as in layouts and archives);
     *                    the document's own mediaType wins, the shape decides when neither says
     * @param what        names the manifest in errors, e.g. {@code manifest of docker.io/library/busybox:latest}
     */
    static Manifest parse(byte[] body, String contentType, String what) throws ImportException {
        String doing = "reading the " + what;
        JsonNode root = Json.parse(body, doing);
        if (!root.isObject()) {
            throw new ImportException(doing, "it is not a JSON object");
        }
        String mediaType = mediaType(root, contentType);
        JsonNode schemaVersion = root.get("schemaVersion");
        if (MediaTypes.SCHEMA1.contains(mediaType) || (schemaVersion != null && schemaVersion.asInt() == 1)) {
            throw new ImportException(doing, "it is a Docker schema 1 manifest, which was deprecated in 2017 and is "
                    + "not supported; push the image again with a current Docker or skopeo (they write schema 2)");
        }
        if (schemaVersion == null || schemaVersion.asInt() != 2) {
            throw new ImportException(doing, "schemaVersion is " + schemaVersion + ", expected 2");
        }
        if (MediaTypes.INDEXES.contains(mediaType)) {
            return index(root, mediaType, doing);
        }
        if (MediaTypes.IMAGE_MANIFESTS.contains(mediaType)) {
            return imageManifest(root, mediaType, doing);
        }
        throw new ImportException(doing, "media type '" + mediaType + "' is not an image manifest or index "
                + "(is this an artifact rather than a container image?)");
    }

    private static String mediaType(JsonNode root, String contentType) {
        String declared = Json.text(root, "mediaType");
        if (declared != null && !declared.isEmpty()) {
            return declared;
        }
        String header = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        if (!header.isEmpty() && !header.equals("application/json") && !header.equals("text/plain")) {
            return header;
        }
        // OCI allows leaving mediaType out: tell the two OCI kinds apart by shape
        return root.has("manifests") ? MediaTypes.OCI_INDEX
                : root.has("fsLayers") ? MediaTypes.DOCKER_SCHEMA1 : MediaTypes.OCI_MANIFEST;
    }

    private static Manifest.ImageManifest imageManifest(JsonNode root, String mediaType, String doing)
            throws ImportException {
        Descriptor config = Json.descriptor(root.get("config"), doing + " (config)");
        if (!MediaTypes.CONFIGS.contains(config.mediaType())) {
            throw new ImportException(doing, "its config has media type '" + config.mediaType()
                    + "', not a container image config (is this an artifact rather than an image?)");
        }
        JsonNode layersNode = root.get("layers");
        if (layersNode == null || !layersNode.isArray()) {
            throw new ImportException(doing, "'layers' is missing or not an array");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode node : layersNode) {
            Descriptor layer = Json.descriptor(node, doing + " (layer " + layers.size() + ")");
            if (!MediaTypes.LAYERS.contains(layer.mediaType())) {
                throw new ImportException(doing, "layer " + layers.size() + " (" + layer.digest() + ") has media type '"
                        + layer.mediaType() + "', which is not a filesystem layer this importer can apply");
            }
            layers.add(layer);
        }
        return new Manifest.ImageManifest(mediaType, config, layers);
    }

    private static Manifest.Index index(JsonNode root, String mediaType, String doing) throws ImportException {
        JsonNode list = root.get("manifests");
        List<Manifest.Entry> entries = new ArrayList<>();
        // Docker 25's docker save writes "manifests": null in its index.json: treat it as empty
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new ImportException(doing, "'manifests' is not an array");
            }
            for (JsonNode node : list) {
                String what = doing + " (entry " + entries.size() + ")";
                entries.add(new Manifest.Entry(Json.descriptor(node, what), platform(node.get("platform"), what),
                        Json.stringMap(node, "annotations", what)));
            }
        }
        return new Manifest.Index(mediaType, entries);
    }

    private static Optional<Platform> platform(JsonNode node, String doing) throws ImportException {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Platform(Json.text(node, "os"), Json.text(node, "architecture"), Json.text(node, "variant")));
        } catch (IllegalArgumentException e) {
            throw new ImportException(doing, "invalid platform " + node + ": " + e.getMessage());
        }
    }
}
