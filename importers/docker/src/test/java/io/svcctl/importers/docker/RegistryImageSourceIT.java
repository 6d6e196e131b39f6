package io.svcctl.importers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svcctl.rootfs.BlobSource;
import io.svcctl.rootfs.BlobVerificationException;
import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.Layer;
import io.svcctl.rootfs.Platform;
import io.svcctl.testhost.registry.LocalRegistry;
import io.svcctl.testhost.registry.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real registry (docker-registry) over plain HTTP, holding images made by umoci and pushed by skopeo. */
class RegistryImageSourceIT {
    @TempDir
    static Path work;
    static LocalRegistry registry;
    static final RegistryOptions OPTIONS = RegistryFixture.options().withTlsVerify(false);

    @TempDir
    Path cacheDir;

    @BeforeAll
    static void start() throws IOException {
        registry = RegistryFixture.startWithImages(LocalRegistry.builder(RegistryFixture.RUNNER, work.resolve("registry")));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void resolvesAndDownloadsBusyboxLikeTheLayoutItWasPushedFrom() throws IOException {
        Image fromRegistry;
        List<Path> layers;
        try (ImageSource source = RegistryFixture.open(registry, "busybox", OPTIONS)) {
            fromRegistry = source.resolve(Platform.parse("linux/amd64"));
            layers = new LayerDownloader(new BlobCache(cacheDir), 3)
                    .fetchAll(RegistryFixture.blobs(fromRegistry.layers()), source.blobs(), DownloadListener.NONE);
        }
        assertThat(fromRegistry.reference()).isEqualTo(registry.address() + "/busybox:latest");
        assertThat(fromRegistry.layers()).hasSize(TestImages.BUSYBOX_LAYERS);
        assertThat(fromRegistry.config().cmd()).containsExactly("httpd", "-f", "-p", "80", "-h", "/www");
        assertThat(fromRegistry.config().exposedPorts()).containsExactly("80/tcp");
        assertThat(fromRegistry.config().env()).containsExactly("PATH=/bin");
        assertThat(fromRegistry.config().platform()).isEqualTo(Platform.parse("linux/amd64"));
        assertThat(Files.size(layers.get(0))).isEqualTo(fromRegistry.layers().get(0).blob().size());
        assertThat(RegistryFixture.diffIdOf(layers.get(0))).isEqualTo(fromRegistry.layers().get(0).diffId());

        // the same image read from the OCI layout and from a docker-archive skopeo wrote
        try (ImageSource layout = ImageSources.open(ImageSourceSpec.parse("oci:" + RegistryFixture.images().layout()
                + ":busybox"), OPTIONS)) {
            Image fromLayout = layout.resolve(Platform.host());
            assertThat(fromLayout.manifestDigest()).isEqualTo(fromRegistry.manifestDigest());
            assertThat(fromLayout.configDigest()).isEqualTo(fromRegistry.configDigest());
            assertThat(fromLayout.layers()).isEqualTo(fromRegistry.layers());
        }
        Path archive = RegistryFixture.images().dockerArchive(TestImages.BUSYBOX);
        try (ImageSource docker = ImageSources.open(ImageSourceSpec.parse("docker-archive:" + archive + ":busybox:latest"),
                OPTIONS)) {
            Image fromArchive = docker.resolve(Platform.host());
            assertThat(fromArchive.configDigest()).isEqualTo(fromRegistry.configDigest());
            assertThat(fromArchive.layers().stream().map(Layer::diffId))
                    .containsExactlyElementsOf(fromRegistry.layers().stream().map(Layer::diffId).toList());
            Path blob = new BlobCache(cacheDir).fetch(fromArchive.layers().get(0).blob(), docker.blobs(), DownloadListener.NONE);
            assertThat(Files.size(blob)).isEqualTo(fromArchive.layers().get(0).blob().size());
        }
    }

    @Test
    void sharedbaseStartsWithTheLayersOfLayered() throws IOException {
        Image layered;
        Image sharedbase;
        try (ImageSource a = RegistryFixture.open(registry, "layered", OPTIONS);
             ImageSource b = RegistryFixture.open(registry, "sharedbase", OPTIONS)) {
            layered = a.resolve(Platform.host());
            sharedbase = b.resolve(Platform.host());
        }
        assertThat(layered.layers()).hasSize(TestImages.LAYERED_LAYERS);
        assertThat(sharedbase.layers()).hasSize(TestImages.SHAREDBASE_LAYERS);
        assertThat(sharedbase.layers().subList(0, TestImages.LAYERED_LAYERS)).isEqualTo(layered.layers());
        assertThat(sharedbase.chainIds().subList(0, TestImages.LAYERED_LAYERS)).isEqualTo(layered.chainIds());
    }

    @Test
    void choosesFromAMultiPlatformIndexOrListsThePlatforms() throws IOException {
        try (ImageSource source = RegistryFixture.open(registry, "multi", OPTIONS)) {
            Image arm = source.resolve(Platform.parse("linux/arm64"));
            Image amd = source.resolve(Platform.parse("linux/amd64"));
            assertThat(arm.config().platform().architecture()).isEqualTo("arm64");
            assertThat(amd.config().platform().architecture()).isEqualTo("amd64");
            assertThat(arm.manifestDigest()).isNotEqualTo(amd.manifestDigest());
            assertThat(arm.layers()).isEqualTo(amd.layers());
            assertThatThrownBy(() -> source.resolve(Platform.parse("linux/s390x")))
                    .isInstanceOf(ImportException.class)
                    .hasMessage("while choosing a platform from the image index of " + registry.address()
                            + "/multi:latest: it has no image for linux/s390x; it has linux/amd64, linux/arm64"
                            + " (pick one with --platform os/arch[/variant])");
        }
    }

    @Test
    void pinsByDigest() throws IOException {
        Image byTag;
        try (ImageSource source = RegistryFixture.open(registry, "busybox", OPTIONS)) {
            byTag = source.resolve(Platform.host());
        }
        try (ImageSource source = RegistryFixture.open(registry, "busybox@" + byTag.manifestDigest(), OPTIONS)) {
            assertThat(source.resolve(Platform.host()).configDigest()).isEqualTo(byTag.configDigest());
        }
    }

    @Test
    void saysWhatIsMissingOrMisconfigured() throws IOException {
        try (ImageSource source = RegistryFixture.open(registry, "nope:1", OPTIONS)) {
            assertThatThrownBy(() -> source.resolve(Platform.host()))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageStartingWith("while pulling manifest 1 of " + registry.address() + "/nope: not found")
                    .hasMessageContaining("check the repository name");
        }
        try (ImageSource source = RegistryFixture.open(registry, "busybox", RegistryFixture.options())) {
            assertThatThrownBy(() -> source.resolve(Platform.host()))
                    .hasMessageStartingWith("while connecting to registry " + registry.address() + ": https:")
                    .hasMessageContaining("--tls-verify=false");
        }
    }

    @Test
    void resumesAnInterruptedDownloadWithARangeRequest() throws IOException {
        Image image;
        Path whole;
        try (ImageSource source = RegistryFixture.open(registry, "busybox", OPTIONS)) {
            image = source.resolve(Platform.host());
            whole = new BlobCache(cacheDir.resolve("first")).fetch(image.layers().get(0).blob(), source.blobs(),
                    DownloadListener.NONE);
        }
        Descriptor layer = image.layers().get(0).blob();
        byte[] bytes = Files.readAllBytes(whole);
        // an interrupted earlier download left the first part
        BlobCache cache = new BlobCache(cacheDir.resolve("second"));
        Path partial = cache.path(layer.digest()).resolveSibling(layer.digest().hex() + ".partial");
        Files.createDirectories(partial.getParent());
        Files.write(partial, Arrays.copyOf(bytes, bytes.length / 3));

        List<Long> offsets = new CopyOnWriteArrayList<>();
        try (ImageSource source = RegistryFixture.open(registry, "busybox", OPTIONS)) {
            source.resolve(Platform.host());
            BlobSource recording = (blob, offset) -> {
                offsets.add(offset);
                return source.blobs().open(blob, offset);
            };
            Path fetched = cache.fetch(layer, recording, DownloadListener.NONE);
            assertThat(Files.readAllBytes(fetched)).isEqualTo(bytes);
        }
        assertThat(offsets).containsExactly((long) bytes.length / 3);
        assertThat(partial).doesNotExist();
    }

    @Test
    void detectsABlobTheRegistryServesCorrupted(@TempDir Path own) throws IOException {
        // a registry of its own: its storage gets damaged
        try (LocalRegistry damaged = RegistryFixture.startWithImages(LocalRegistry.builder(RegistryFixture.RUNNER, own))) {
            try (ImageSource source = RegistryFixture.open(damaged, "busybox", OPTIONS)) {
                Image image = source.resolve(Platform.host());
                Descriptor layer = image.layers().get(0).blob();
                Path data = own.resolve("storage/docker/registry/v2/blobs/sha256")
                        .resolve(layer.digest().hex().substring(0, 2)).resolve(layer.digest().hex()).resolve("data");
                byte[] bytes = Files.readAllBytes(data);
                bytes[bytes.length / 2] ^= 0x55;
                Files.write(data, bytes);

                BlobCache cache = new BlobCache(cacheDir);
                assertThatThrownBy(() -> cache.fetch(layer, source.blobs(), DownloadListener.NONE))
                        .isInstanceOf(BlobVerificationException.class)
                        .hasMessageContaining("does not match its digest: expected " + layer.digest());
                assertThat(cache.contains(layer)).isFalse();
                try (Stream<Path> left = Files.list(cache.path(layer.digest()).getParent())) {
                    assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
                }
            }
        }
    }

    @Test
    void aConfigTheRegistryServesCorruptedIsRefused(@TempDir Path own) throws IOException {
        try (LocalRegistry damaged = RegistryFixture.startWithImages(LocalRegistry.builder(RegistryFixture.RUNNER, own))) {
            Image image;
            try (ImageSource source = RegistryFixture.open(damaged, "busybox", OPTIONS)) {
                image = source.resolve(Platform.host());
            }
            Path data = own.resolve("storage/docker/registry/v2/blobs/sha256")
                    .resolve(image.configDigest().hex().substring(0, 2)).resolve(image.configDigest().hex()).resolve("data");
            String config = Files.readString(data);
            Files.writeString(data, config.replace("httpd", "httpX"));
            try (ImageSource source = RegistryFixture.open(damaged, "busybox", OPTIONS)) {
                assertThatThrownBy(() -> source.resolve(Platform.host()))
                        .hasMessageContaining("while reading the image config of " + damaged.address() + "/busybox:latest")
                        .hasMessageContaining("the source served other bytes than it promised");
            }
        }
    }

}
