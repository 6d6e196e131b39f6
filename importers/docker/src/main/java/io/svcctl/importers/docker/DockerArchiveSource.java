package io.svcctl.importers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.svcctl.rootfs.BlobSource;
import io.svcctl.rootfs.Compression;
import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Digest;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.Layer;
import io.svcctl.rootfs.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A {@code docker save} tarball. manifest.json is read first: Docker 25+ also writes an OCI layout into the
 * archive, but manifest.json is in both the old and the new format (in the new one its paths are blob paths).
 * The tar is indexed, not extracted; a gzip-compressed archive is first decompressed to a temporary file.
 */
final class DockerArchiveSource implements ImageSource, BlobSource {
    private static final Pattern BLOB_PATH = Pattern.compile("blobs/(sha256|sha512)/([0-9a-f]+)");

    private final ImageSourceSpec.DockerArchive spec;
    private final Path temporary;
    private final ArchiveIndex archive;
    /** Which archive file holds which blob; filled by {@link #resolve}. */
    private final Map<Digest, String> blobNames = new ConcurrentHashMap<>();

    private DockerArchiveSource(ImageSourceSpec.DockerArchive spec, Path temporary, ArchiveIndex archive) {
        this.spec = spec;
        this.temporary = temporary;
        this.archive = archive;
    }

    private static Compression sniff(InputStream in) throws IOException {
        byte[] head = in.readNBytes(8);
        return Compression.detect(head, head.length);
    }

    static DockerArchiveSource open(ImageSourceSpec.DockerArchive spec) throws IOException {
        Path file = spec.file();
        String doing = "opening docker-archive " + file;
        Compression compression;
        try (InputStream in = Files.newInputStream(file)) {
            compression = sniff(in);
        } catch (NoSuchFileException e) {
            throw new ImageNotFoundException(doing, "there is no such file");
        }
        Path temporary = null;
        if (compression == Compression.GZIP) {
            temporary = Files.createTempFile("svcctl-docker-archive-", ".tar");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
                 OutputStream out = Files.newOutputStream(temporary)) {
                in.transferTo(out);
            } catch (IOException e) {
                Files.deleteIfExists(temporary);
                throw new ImportException(doing, "decompressing it failed: " + e.getMessage(), e);
            }
        } else if (compression != Compression.NONE) {
            throw new ImportException(doing, "it is " + compression.name().toLowerCase() + "-compressed; "
                    + "decompress it first (docker save writes plain tar; gzip is read as well)");
        }
        try {
            return new DockerArchiveSource(spec, temporary, ArchiveIndex.open(temporary != null ? temporary : file));
        } catch (IOException e) {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
            throw e;
        }
    }

    @Override
    public Image resolve(Platform platform) throws IOException {
        String reference = spec.toString();
        String doing = "reading manifest.json of " + reference;
        JsonNode images = Json.parse(archive.read("manifest.json", ManifestResolver.MAX_MANIFEST_BYTES, doing), doing);
        if (!images.isArray() || images.isEmpty()) {
            throw new ImportException(doing, "it is not a non-empty array of images");
        }
        JsonNode image = select(images, doing);
        String configName = Json.requiredText(image, "Config", doing);
        byte[] rawConfig = archive.read(configName, ManifestResolver.MAX_CONFIG_BYTES, "reading config " + configName
                + " of " + reference);
        Digest configDigest = Digest.sha256(rawConfig);
        Descriptor config = new Descriptor(MediaTypes.DOCKER_CONFIG, configDigest, rawConfig.length);
        ConfigParser.ParsedConfig parsed = ConfigParser.parse(rawConfig, reference);
        List<String> layerNames = Json.strings(image, "Layers", doing);
        if (layerNames.size() != parsed.diffIds().size()) {
            throw new ImportException(doing, "it lists " + layerNames.size() + " layers but the config has "
                    + parsed.diffIds().size() + " diff ids; the archive is corrupt");
        }
        JsonNode layerSources = image.get("LayerSources");
        List<Descriptor> blobs = new ArrayList<>();
        for (int i = 0; i < layerNames.size(); i++) {
            blobs.add(layerDescriptor(layerNames.get(i), parsed.diffIds().get(i), layerSources, reference));
        }
        blobNames.put(configDigest, configName);
        Manifest.ImageManifest manifest = new Manifest.ImageManifest(MediaTypes.DOCKER_MANIFEST, config, blobs);
        return ImageAssembler.assemble(reference, Digest.sha256(skopeoManifest(config, parsed.diffIds(), blobs)),
                manifest, rawConfig);
    }

    private JsonNode select(JsonNode images, String doing) throws IOException {
        if (spec.index().isPresent()) {
            int i = spec.index().getAsInt();
            if (i >= images.size()) {
                throw new ImageNotFoundException(doing, "there is no image @" + i + "; the archive holds " + images.size());
            }
            return images.get(i);
        }
        if (spec.reference().isPresent()) {
            ImageReference wanted = spec.reference().get();
            List<String> all = new ArrayList<>();
            for (JsonNode image : images) {
                for (String tag : Json.strings(image, "RepoTags", doing)) {
                    all.add(tag);
                    if (sameReference(tag, wanted)) {
                        return image;
                    }
                }
            }
            throw new ImageNotFoundException(doing, "no image is tagged " + wanted + " (tags in the archive: "
                    + (all.isEmpty() ? "none" : String.join(", ", all)) + ")");
        }
        if (images.size() > 1) {
            throw new ImportException(doing, "it holds " + images.size() + " images; pick one as "
                    + "docker-archive:FILE:REPO:TAG or docker-archive:FILE:@N");
        }
        return images.get(0);
    }

    private static boolean sameReference(String repoTag, ImageReference wanted) {
        try {
            return ImageReference.parse(repoTag).equals(wanted);
        } catch (IllegalArgumentException e) {
            return false; // a tag Docker would not accept names nothing the user can ask for
        }
    }

    /**
     * A layer's blob descriptor. Docker 25+ names blobs by digest; older archives hold {@code ID/layer.tar},
     * which is the uncompressed tar (so its digest is the diff id), or a compressed blob that is hashed here.
     */
    private Descriptor layerDescriptor(String name, Digest diffId, JsonNode layerSources, String reference)
            throws IOException {
        String doing = "reading layer " + name + " of " + reference;
        long size = archive.size(name).orElseThrow(() -> new ImportException(doing, "the archive has no such file"));
        Compression compression;
        try (InputStream in = archive.open(name, 0)) {
            compression = sniff(in);
        }
        Matcher m = BLOB_PATH.matcher(name);
        Digest digest;
        if (m.matches()) {
            digest = parseDigest(m.group(1) + ":" + m.group(2), doing);
        } else if (compression == Compression.NONE) {
            digest = diffId; // checked when the blob is read
        } else {
            digest = hash(name);
        }
        String mediaType = layerSources == null ? null : Json.text(layerSources.get(digest.toString()), "mediaType");
        if (mediaType == null) {
            mediaType = switch (compression) {
                case NONE -> MediaTypes.DOCKER_LAYER;
                case GZIP -> MediaTypes.DOCKER_LAYER_GZIP;
                case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
                default -> throw new ImportException(doing, "it is " + compression.name().toLowerCase()
                        + "-compressed, which no image layer format uses");
            };
        }
        blobNames.put(digest, name);
        return new Descriptor(mediaType, digest, size);
    }

    private static Digest parseDigest(String text, String doing) throws ImportException {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ImportException(doing, e.getMessage());
        }
    }

    private Digest hash(String name) throws IOException {
        MessageDigest md = Digest.newSha256();
        try (InputStream in = new DigestInputStream(archive.open(name, 0), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return Digest.of(md);
    }

    /**
     * The Docker schema 2 manifest skopeo synthesizes for a docker-archive (layers named by diff id, gzip media
     * type, compact JSON in Go's field order), so both report the same manifest digest for the same archive of
     * uncompressed layers, which is what docker save writes.
     */
    private static byte[] skopeoManifest(Descriptor config, List<Digest> diffIds, List<Descriptor> blobs) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"").append(MediaTypes.DOCKER_MANIFEST)
                .append("\",\"config\":{\"mediaType\":\"").append(MediaTypes.DOCKER_CONFIG)
                .append("\",\"size\":").append(config.size()).append(",\"digest\":\"").append(config.digest())
                .append("\"},\"layers\":[");
        for (int i = 0; i < diffIds.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(MediaTypes.DOCKER_LAYER_GZIP)
                    .append("\",\"size\":").append(blobs.get(i).size()).append(",\"digest\":\"").append(diffIds.get(i))
                    .append("\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public BlobSource blobs() {
        return this;
    }

    @Override
    public InputStream open(Descriptor blob, long offset) throws IOException {
        String name = blobNames.get(blob.digest());
        if (name == null) {
            throw new ImportException("reading blob " + blob.digest() + " from " + spec,
                    "the archive's image does not reference it (resolve the image first)");
        }
        return archive.open(name, offset);
    }

    @Override
    public void close() throws IOException {
        try {
            archive.close();
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
