package io.svcctl.importers.docker;

import static org.assertj.core.api.Assertions.assertThat;
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
