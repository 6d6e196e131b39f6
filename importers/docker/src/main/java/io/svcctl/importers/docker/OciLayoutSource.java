package io.svcctl.importers.docker;

import io.svcctl.rootfs.BlobSource;
import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** An OCI image layout directory: {@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>}. */
final class OciLayoutSource implements ImageSource, BlobSource, ManifestResolver.Store {
    private final ImageSourceSpec.OciLayout spec;
    private final Path dir;

    OciLayoutSource(ImageSourceSpec.OciLayout spec) {
        this.spec = spec;
        this.dir = spec.directory();
    }

    @Override
    public Image resolve(Platform platform) throws IOException {
        String doing = "reading OCI layout " + dir;
        checkLayoutVersion(doing);
        byte[] indexBytes = readFile(dir.resolve("index.json"), ManifestResolver.MAX_MANIFEST_BYTES, doing);
        Manifest top = ManifestParser.parse(indexBytes, MediaTypes.OCI_INDEX, "index.json of OCI layout " + dir);
        if (!(top instanceof Manifest.Index index)) {
            throw new ImportException(doing, "index.json is not an image index");
        }
        Manifest.Entry entry = pick(index, doing);
        Descriptor descriptor = entry.descriptor();
        ManifestResolver.Fetched fetched = manifest(descriptor);
        ImageAssembler.verify(descriptor, fetched.bytes(), "reading manifest " + descriptor.digest() + " of " + spec);
        return ManifestResolver.resolve(spec.toString(), fetched, platform, this);
    }

    private void checkLayoutVersion(String doing) throws IOException {
        byte[] layout = readFile(dir.resolve("oci-layout"), 4096, doing);
        String version = Json.text(Json.parse(layout, doing + " (oci-layout)"), "imageLayoutVersion");
        if (version == null || !version.startsWith("1.")) {
            throw new ImportException(doing, "oci-layout declares imageLayoutVersion " + version + ", expected 1.x");
        }
    }

    private Manifest.Entry pick(Manifest.Index index, String doing) throws ImportException {
        List<Manifest.Entry> entries = index.manifests();
        if (spec.tag().isEmpty()) {
            if (entries.size() == 1) {
                return entries.get(0);
            }
            throw new ImportException(doing, "it holds " + entries.size() + " images; name one as oci:DIR:TAG"
                    + tagsHint(entries));
        }
        String tag = spec.tag().get();
        Optional<Manifest.Entry> match = entries.stream().filter(e -> e.refName().filter(tag::equals).isPresent()).findFirst();
        return match.orElseThrow(() -> new ImageNotFoundException(doing, "no image is tagged '" + tag + "'" + tagsHint(entries)));
    }

    private static String tagsHint(List<Manifest.Entry> entries) {
        List<String> tags = entries.stream().flatMap(e -> e.refName().stream()).toList();
        return tags.isEmpty() ? " (its images carry no tags)" : " (tags: " + String.join(", ", tags) + ")";
    }

    @Override
    public ManifestResolver.Fetched manifest(Descriptor descriptor) throws IOException {
        String doing = "reading manifest " + descriptor.digest() + " of " + spec;
        ManifestResolver.checkSmall(descriptor, ManifestResolver.MAX_MANIFEST_BYTES, doing);
        byte[] bytes = readFile(blobPath(descriptor), ManifestResolver.MAX_MANIFEST_BYTES, doing);
        return new ManifestResolver.Fetched(bytes, descriptor.mediaType(), descriptor.digest());
    }

    @Override
    public byte[] config(Descriptor descriptor) throws IOException {
        String doing = "reading the image config of " + spec;
        ManifestResolver.checkSmall(descriptor, ManifestResolver.MAX_CONFIG_BYTES, doing);
        return readFile(blobPath(descriptor), ManifestResolver.MAX_CONFIG_BYTES, doing);
    }

    @Override
    public BlobSource blobs() {
        return this;
    }

    @Override
    public InputStream open(Descriptor blob, long offset) throws IOException {
        Path path = blobPath(blob);
        SeekableByteChannel channel;
        try {
            channel = Files.newByteChannel(path);
        } catch (NoSuchFileException e) {
            throw new ImportException("reading blob " + blob.digest() + " of " + spec, "the layout has no file " + path);
        }
        channel.position(offset);
        return Channels.newInputStream(channel);
    }

    private Path blobPath(Descriptor blob) {
        // the digest was validated when parsed: algorithm and hex cannot climb out of blobs/
        return dir.resolve("blobs").resolve(blob.digest().algorithm()).resolve(blob.digest().hex());
    }

    private static byte[] readFile(Path path, long limit, String doing) throws IOException {
        try {
            long size = Files.size(path);
            if (size > limit) {
                throw new ImportException(doing, path + " is " + size + " bytes, more than the " + limit + " allowed");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ImportException(doing, "there is no " + path + (Files.isDirectory(path.getParent()) ? ""
                    : " (is " + path.getParent() + " an OCI image layout?)"));
        }
    }

    @Override
    public void close() {
        // nothing held open between calls
    }
}
