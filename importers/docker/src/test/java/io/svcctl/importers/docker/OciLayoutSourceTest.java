package io.svcctl.importers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Digest;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutSourceTest {
    @TempDir
    Path layout;

    private Descriptor amd64;
    private Descriptor layer;

    @BeforeEach
    void writeLayout() throws IOException {
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        layer = blob("layer bytes", MediaTypes.OCI_LAYER);
        amd64 = image("amd64", layer);
        Descriptor arm64 = image("arm64", layer);
        Descriptor index = blob("""
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,"platform":{"os":"linux","architecture":"amd64"}},
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,"platform":{"os":"linux","architecture":"arm64"}}]}"""
                .formatted(amd64.digest(), amd64.size(), arm64.digest(), arm64.size()), MediaTypes.OCI_INDEX);
        Files.writeString(layout.resolve("index.json"), """
                {"schemaVersion":2,"manifests":[
                 {"mediaType":"application/vnd.oci.image.index.v1+json","digest":"%s","size":%d,
                  "annotations":{"org.opencontainers.image.ref.name":"multi"}},
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,
                  "annotations":{"org.opencontainers.image.ref.name":"single"}}]}"""
                .formatted(index.digest(), index.size(), arm64.digest(), arm64.size()));
    }

    private Descriptor image(String arch, Descriptor layerBlob) throws IOException {
        Descriptor config = blob("""
                {"architecture":"%s","os":"linux","config":{"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":["%s"]}}"""
                .formatted(arch, layerBlob.digest()), MediaTypes.OCI_CONFIG);
        return blob("""
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                 "config":{"mediaType":"%s","digest":"%s","size":%d},
                 "layers":[{"mediaType":"%s","digest":"%s","size":%d}]}"""
                .formatted(config.mediaType(), config.digest(), config.size(), layerBlob.mediaType(), layerBlob.digest(),
                        layerBlob.size()), MediaTypes.OCI_MANIFEST);
    }

    private Descriptor blob(String content, String mediaType) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(bytes);
        Path path = layout.resolve("blobs/sha256/" + digest.hex());
        Files.createDirectories(path.getParent());
        Files.write(path, bytes);
        return new Descriptor(mediaType, digest, bytes.length);
    }

    private ImageSource open(String spec) throws IOException {
        return ImageSources.open(ImageSourceSpec.parse(spec), RegistryOptions.defaults());
    }

    @Test
    void resolvesATagThroughAnIndexByPlatform() throws IOException {
        try (ImageSource source = open("oci:" + layout + ":multi")) {
            Image image = source.resolve(Platform.parse("linux/amd64"));
            assertThat(image.reference()).isEqualTo("oci:" + layout + ":multi");
            assertThat(image.manifestDigest()).isEqualTo(amd64.digest());
            assertThat(image.config().platform()).isEqualTo(Platform.parse("linux/amd64"));
            assertThat(image.config().cmd()).containsExactly("sh");
            assertThat(image.layers()).singleElement().satisfies(l -> assertThat(l.blob()).isEqualTo(layer));
            try (InputStream in = source.blobs().open(layer, 6)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("bytes");
            }
            assertThatThrownBy(() -> source.resolve(Platform.parse("linux/ppc64le")))
                    .hasMessageContaining("it has linux/amd64, linux/arm64");
        }
        try (ImageSource source = open("oci:" + layout + ":single")) {
            assertThat(source.resolve(Platform.parse("linux/amd64")).config().platform().architecture()).isEqualTo("arm64");
        }
    }

    @Test
    void needsATagWhenTheLayoutHoldsSeveralImages() throws IOException {
        try (ImageSource source = open("oci:" + layout)) {
            assertThatThrownBy(() -> source.resolve(Platform.host()))
                    .hasMessageContaining("holds 2 images; name one as oci:DIR:TAG (tags: multi, single)");
        }
        try (ImageSource source = open("oci:" + layout + ":nope")) {
            assertThatThrownBy(() -> source.resolve(Platform.host())).isInstanceOf(ImageNotFoundException.class)
                    .hasMessageContaining("no image is tagged 'nope'");
        }
    }

    @Test
    void takesTheOnlyImageWithoutATagAndChecksDigests() throws IOException {
        Files.writeString(layout.resolve("index.json"), """
                {"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json",
                 "digest":"%s","size":%d}]}""".formatted(amd64.digest(), amd64.size()));
        try (ImageSource source = open("oci:" + layout)) {
            assertThat(source.resolve(Platform.host()).manifestDigest()).isEqualTo(amd64.digest());
        }
        // a manifest blob whose bytes changed under its name is refused
        Path manifest = layout.resolve("blobs/sha256/" + amd64.digest().hex());
        byte[] bytes = Files.readAllBytes(manifest);
        bytes[bytes.length - 2] = ' ';
        Files.write(manifest, bytes);
        try (ImageSource source = open("oci:" + layout)) {
            assertThatThrownBy(() -> source.resolve(Platform.host())).hasMessageContaining("its content has digest");
        }
    }

    @Test
    void saysWhenTheDirectoryIsNoLayout(@TempDir Path empty) throws IOException {
        try (ImageSource source = open("oci:" + empty)) {
            assertThatThrownBy(() -> source.resolve(Platform.host()))
                    .hasMessageContaining("while reading OCI layout " + empty + ": there is no " + empty.resolve("oci-layout"));
        }
    }
}
