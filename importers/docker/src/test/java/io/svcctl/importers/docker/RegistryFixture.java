package io.svcctl.importers.docker;

import io.svcctl.exec.LocalCommandRunner;
import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Digest;
import io.svcctl.rootfs.Layer;
import io.svcctl.testhost.registry.LocalRegistry;
import io.svcctl.testhost.registry.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Shared by the registry ITs: the test images (built once per JVM) and registries to push them to. */
final class RegistryFixture {
    static final LocalCommandRunner RUNNER = new LocalCommandRunner();
    private static TestImages images;

    private RegistryFixture() {
    }

    static synchronized TestImages images() throws IOException {
        if (images == null) {
            Path dir = Files.createTempDirectory("svcctl-test-images-");
            images = new TestImages(RUNNER, dir);
            images.layout();
        }
        return images;
    }

    /** Starts the registry the builder describes, with every test image pushed to it. */
    static LocalRegistry startWithImages(LocalRegistry.Builder builder) throws IOException {
        LocalRegistry registry = builder.start();
        try {
            images().push(registry);
        } catch (IOException | RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** Options for a test registry: no Docker config of the machine's, no system certs.d. */
    static RegistryOptions options() {
        return RegistryOptions.defaults().withDockerConfig(Optional.empty()).withCertDirectories(List.of());
    }

    static ImageSource open(LocalRegistry registry, String name, RegistryOptions options) throws IOException {
        return ImageSources.open(ImageSourceSpec.parse("docker://" + registry.address() + "/" + name), options);
    }

    /** The digest of a gzip layer's uncompressed tar: what its diff id must be. */
    static Digest diffIdOf(Path gzipLayer) throws IOException {
        MessageDigest md = Digest.newSha256();
        try (InputStream in = new DigestInputStream(new GZIPInputStream(Files.newInputStream(gzipLayer)), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return Digest.of(md);
    }

    static List<Descriptor> blobs(List<Layer> layers) {
        return layers.stream().map(Layer::blob).toList();
    }
}
