package io.svcctl.importers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svcctl.rootfs.Digest;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);
    static final String C = "sha256:" + "c".repeat(64);

    private static Manifest parse(String json, String contentType) throws ImportException {
        return ManifestParser.parse(json.getBytes(StandardCharsets.UTF_8), contentType, "manifest of test");
    }

    @Test
    void readsDockerSchema2AndOciManifests() throws ImportException {
        Manifest docker = parse("""
                {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                 "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1469, "digest": "%s"},
                 "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 2479, "digest": "%s"}]}
                """.formatted(A, B), null);
        assertThat(docker).isInstanceOf(Manifest.ImageManifest.class);
        Manifest.ImageManifest m = (Manifest.ImageManifest) docker;
        assertThat(m.config().digest()).isEqualTo(Digest.parse(A));
        assertThat(m.config().size()).isEqualTo(1469);
        assertThat(m.layers()).singleElement().satisfies(l -> {
            assertThat(l.digest()).isEqualTo(Digest.parse(B));
            assertThat(l.mediaType()).isEqualTo(MediaTypes.DOCKER_LAYER_GZIP);
        });

        // OCI without a mediaType field: the Content-Type tells
        Manifest oci = parse("""
                {"schemaVersion": 2,
                 "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 10, "digest": "%s"},
                 "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+zstd", "size": 5, "digest": "%s"}]}
                """.formatted(A, B), "application/vnd.oci.image.manifest.v1+json; charset=utf-8");
        assertThat(oci.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    }

    @Test
    void readsIndexesWithPlatformsAndAnnotations() throws ImportException {
        Manifest.Index index = (Manifest.Index) parse(index(), null);
        assertThat(index.manifests()).hasSize(4);
        assertThat(index.manifests().get(0).platform()).contains(Platform.parse("linux/amd64"));
        assertThat(index.manifests().get(2).platform()).contains(Platform.parse("linux/arm/v7"));
        assertThat(index.manifests().get(0).refName()).contains("v1");
        assertThat(PlatformSelector.available(index)).containsExactly("linux/amd64", "linux/arm64", "linux/arm/v7");
    }

    static String index() {
        return """
                {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
                 "manifests": [
                  {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 1, "digest": "%s",
                   "platform": {"architecture": "amd64", "os": "linux"},
                   "annotations": {"org.opencontainers.image.ref.name": "v1"}},
                  {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 2, "digest": "%s",
                   "platform": {"architecture": "arm64", "os": "linux"}},
                  {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 3, "digest": "%s",
                   "platform": {"architecture": "arm", "os": "linux", "variant": "v7"}},
                  {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 4, "digest": "%s",
                   "platform": {"architecture": "unknown", "os": "unknown"}}
                 ]}""".formatted(A, B, C, A);
    }

    @Test
    void selectsThePlatformOrListsWhatThereIs() throws ImportException {
        Manifest.Index index = (Manifest.Index) parse(index(), null);
        assertThat(PlatformSelector.select(index, Platform.parse("linux/amd64"), "index").descriptor().digest())
                .isEqualTo(Digest.parse(A));
        // arm64 with or without v8 is the same platform
        assertThat(PlatformSelector.select(index, Platform.parse("linux/arm64/v8"), "index").descriptor().size()).isEqualTo(2);
        assertThat(PlatformSelector.select(index, Platform.parse("linux/arm"), "index").descriptor().size()).isEqualTo(3);
        assertThatThrownBy(() -> PlatformSelector.select(index, Platform.parse("linux/s390x"), "image index of x"))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessage("while choosing a platform from the image index of x: it has no image for linux/s390x; "
                        + "it has linux/amd64, linux/arm64, linux/arm/v7 (pick one with --platform os/arch[/variant])");
        assertThatThrownBy(() -> PlatformSelector.select(index, Platform.parse("linux/arm/v6"), "index"))
                .hasMessageContaining("no image for linux/arm/v6");
    }

    @Test
    void refusesSchema1ArtifactsAndBrokenDocuments() {
        assertThatThrownBy(() -> parse("{\"schemaVersion\": 1, \"name\": \"x\", \"tag\": \"latest\", \"fsLayers\": []}",
                "application/vnd.docker.distribution.manifest.v1+prettyjws"))
                .hasMessageContaining("Docker schema 1 manifest").hasMessageContaining("not supported");
        assertThatThrownBy(() -> parse("{\"schemaVersion\": 1, \"fsLayers\": []}", null)).hasMessageContaining("schema 1");
        assertThatThrownBy(() -> parse("""
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                 "config": {"mediaType": "application/vnd.cncf.helm.config.v1+json", "size": 1, "digest": "%s"},
                 "layers": []}""".formatted(A), null)).hasMessageContaining("not a container image config");
        assertThatThrownBy(() -> parse("""
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                 "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 1, "digest": "%s"},
                 "layers": [{"mediaType": "application/x-foo", "size": 1, "digest": "%s"}]}""".formatted(A, B), null))
                .hasMessageContaining("not a filesystem layer");
        assertThatThrownBy(() -> parse("{\"schemaVersion\": 2, \"manifests\": [{\"size\": 1, \"digest\": \"md5:x\"}]}", null))
                .hasMessageContaining("unsupported digest algorithm");
        assertThatThrownBy(() -> parse("{\"schemaVersion\": 2, \"manifests\": [{\"size\": -1, \"digest\": \"" + A + "\"}]}", null))
                .hasMessageContaining("negative blob size");
        assertThatThrownBy(() -> parse("{\"schemaVersion\": 2, \"schemaVersion\": 2}", null)).hasMessageContaining("Duplicate field");
        assertThatThrownBy(() -> parse("not json", null)).hasMessageStartingWith("while reading the manifest of test: not valid JSON");
    }

    @Test
    void configFieldsAndLayerCountsAreChecked() throws ImportException {
        String config = """
                {"architecture": "arm", "variant": "v7", "os": "linux",
                 "config": {"User": "nobody", "Env": ["A=1"], "Entrypoint": ["/bin/sh", "-c"], "Cmd": ["httpd -f"],
                            "WorkingDir": "/srv", "ExposedPorts": {"80/tcp": {}, "53/udp": {}}, "Volumes": {"/data": {}},
                            "Labels": {"org.example": "yes"}},
                 "rootfs": {"type": "layers", "diff_ids": ["%s"]}}""".formatted(C);
        byte[] raw = config.getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(raw);
        Manifest.ImageManifest manifest = new Manifest.ImageManifest(MediaTypes.OCI_MANIFEST,
                new io.svcctl.rootfs.Descriptor(MediaTypes.OCI_CONFIG, configDigest, raw.length),
                List.of(new io.svcctl.rootfs.Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.parse(B), 10)));

        Image image = ImageAssembler.assemble("ref", Digest.parse(A), manifest, raw);
        assertThat(image.config().platform()).isEqualTo(Platform.parse("linux/arm/v7"));
        assertThat(image.config().user()).isEqualTo("nobody");
        assertThat(image.config().env()).containsExactly("A=1");
        assertThat(image.config().entrypoint()).containsExactly("/bin/sh", "-c");
        assertThat(image.config().cmd()).containsExactly("httpd -f");
        assertThat(image.config().workingDir()).isEqualTo("/srv");
        assertThat(image.config().exposedPorts()).containsExactlyInAnyOrder("80/tcp", "53/udp");
        assertThat(image.config().volumes()).containsExactly("/data");
        assertThat(image.config().labels()).containsEntry("org.example", "yes");
        assertThat(image.layers()).singleElement().satisfies(l -> assertThat(l.diffId()).isEqualTo(Digest.parse(C)));

        byte[] tampered = config.replace("nobody", "root!!").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ImageAssembler.assemble("ref", Digest.parse(A), manifest, tampered))
                .hasMessageContaining("its content has digest");
        Manifest.ImageManifest twoLayers = new Manifest.ImageManifest(MediaTypes.OCI_MANIFEST, manifest.config(),
                List.of(manifest.layers().get(0), manifest.layers().get(0)));
        assertThatThrownBy(() -> ImageAssembler.assemble("ref", Digest.parse(A), twoLayers, raw))
                .hasMessageContaining("lists 2 layers but the config has 1 diff ids");
    }
}
