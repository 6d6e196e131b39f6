package io.svcctl.importers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.svcctl.rootfs.Digest;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.Layer;
import io.svcctl.rootfs.Platform;
import io.svcctl.rootfs.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real {@code docker save} archives in shared/fixtures against what skopeo read from them. */
class DockerArchiveSourceTest {
    private static final Pattern FIELD = Pattern.compile("  (\\w+): (.*)");

    @ParameterizedTest
    @ValueSource(strings = {"ggcr-test_image_1", "ggcr-whiteout_image", "ggcr-overwritten_file", "ggcr-hello-world-v25"})
    void resolvesAsSkopeoDid(String name) throws IOException {
        Path fixtures = fixtures();
        Expected expected = Expected.read(fixtures.resolve("expected/" + name + ".txt"));
        Path archive = fixtures.resolve("docker-archive/" + name + ".tar");
        try (ImageSource source = ImageSources.open(ImageSourceSpec.parse("docker-archive:" + archive), RegistryOptions.defaults())) {
            Image image = source.resolve(Platform.parse("linux/amd64"));

            assertThat(image.reference()).isEqualTo("docker-archive:" + archive);
            assertThat(image.configDigest()).isEqualTo(expected.configDigest);
            assertThat(image.manifestDigest()).isEqualTo(expected.manifestDigest);
            assertThat(image.config().platform()).isEqualTo(expected.platform);
            assertThat(image.layers().stream().map(Layer::diffId).toList()).isEqualTo(expected.diffIds);
            assertThat(Digest.sha256(image.rawConfig())).isEqualTo(expected.configDigest);
            assertThat(image.config().env()).isEqualTo(expected.list("Env"));
            assertThat(image.config().cmd()).isEqualTo(expected.list("Cmd"));
            assertThat(image.config().entrypoint()).isEqualTo(expected.list("Entrypoint"));
            assertThat(image.config().workingDir()).isEqualTo(expected.string("WorkingDir"));
            // every layer reads back whole and verified
            for (Layer layer : image.layers()) {
                try (InputStream in = new VerifyingInputStream(source.blobs().open(layer.blob(), 0), layer.blob())) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
        }
    }

    @Test
    void picksAnImageByTagOrIndexAndReadsGzippedArchives(@TempDir Path tmp) throws IOException {
        Path archive = fixtures().resolve("docker-archive/ggcr-test_image_1.tar");
        Digest expected = Digest.parse("sha256:6e0b05049ed9c17d02e1a55e80d6599dbfcce7f4f4b022e3c673e685789c470e");
        for (String spec : List.of(":bazel/v1/tarball:test_image_1", ":docker.io/bazel/v1/tarball:test_image_1", ":@0")) {
            try (ImageSource source = open("docker-archive:" + archive + spec)) {
                assertThat(source.resolve(Platform.host()).configDigest()).isEqualTo(expected);
            }
        }
        try (ImageSource source = open("docker-archive:" + archive + ":bazel/v1/tarball:other")) {
            assertThatThrownBy(() -> source.resolve(Platform.host()))
                    .isInstanceOf(ImageNotFoundException.class)
                    .hasMessageContaining("no image is tagged docker.io/bazel/v1/tarball:other")
                    .hasMessageContaining("tags in the archive: bazel/v1/tarball:test_image_1");
        }
        try (ImageSource source = open("docker-archive:" + archive + ":@1")) {
            assertThatThrownBy(() -> source.resolve(Platform.host())).hasMessageContaining("there is no image @1");
        }
        Path gzipped = tmp.resolve("image.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            Files.copy(archive, out);
        }
        try (ImageSource source = open("docker-archive:" + gzipped)) {
            Image image = source.resolve(Platform.host());
            assertThat(image.configDigest()).isEqualTo(expected);
            try (InputStream in = new VerifyingInputStream(source.blobs().open(image.layers().get(0).blob(), 0),
                    image.layers().get(0).blob())) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        assertThatThrownBy(() -> open("docker-archive:" + tmp.resolve("missing.tar")))
                .isInstanceOf(ImageNotFoundException.class).hasMessageContaining("there is no such file");
    }

    private static ImageSource open(String spec) throws IOException {
        return ImageSources.open(ImageSourceSpec.parse(spec), RegistryOptions.defaults());
    }

    static Path fixtures() {
        Path p = Path.of(System.getProperty("svcctl.fixtures", "../../../shared/fixtures"));
        if (!Files.isDirectory(p.resolve("docker-archive"))) {
            fail("the shared fixtures are missing at " + p.toAbsolutePath()
                    + ": clone the repository with ../shared beside it, or pass -Dsvcctl.fixtures=DIR");
        }
        return p;
    }

    /** The header of an expected/*.txt file: digests, platform, diff ids and the config fields skopeo printed. */
    private record Expected(Digest manifestDigest, Digest configDigest, Platform platform, List<Digest> diffIds,
                            List<String> configLines) {
        static Expected read(Path file) throws IOException {
            Digest manifest = null;
            Digest config = null;
            Platform platform = null;
            List<Digest> diffIds = new ArrayList<>();
            List<String> configLines = new ArrayList<>();
            String section = "";
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("source manifest digest: ")) {
                    manifest = Digest.parse(line.split("\\s+")[3]);
                } else if (line.startsWith("source config digest")) {
                    config = Digest.parse(line.substring(line.indexOf("sha256:")).trim());
                } else if (line.startsWith("os/arch: ")) {
                    platform = Platform.parse(line.substring(9).trim());
                } else if (!line.startsWith(" ")) {
                    section = line;
                } else if (section.equals("diff_ids:")) {
                    diffIds.add(Digest.parse(line.trim()));
                } else if (section.equals("config:")) {
                    configLines.add(line);
                }
            }
            return new Expected(manifest, config, platform, diffIds, configLines);
        }

        /** A config field printed as a JSON string array, or empty when skopeo printed none. */
        List<String> list(String field) throws IOException {
            String value = value(field);
            if (value == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            Json.MAPPER.readTree(value).forEach(n -> out.add(n.asText()));
            return out;
        }

        String string(String field) throws IOException {
            String value = value(field);
            return value == null ? "" : Json.MAPPER.readTree(value).asText();
        }

        private String value(String field) {
            for (String line : configLines) {
                Matcher m = FIELD.matcher(line);
                if (m.matches() && m.group(1).equals(field)) {
                    return m.group(2);
                }
            }
            return null;
        }
    }
}
