package io.svcctl.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Applies the layers of real {@code docker save} archives and compares the tree with what skopeo + umoci
 * produced for them. The archive is read here with commons-compress just enough to find the layers (the
 * real docker-archive reader lives in importers/docker).
 */
class DockerArchiveFixturesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ggcr-test_image_1", "ggcr-whiteout_image", "ggcr-overwritten_file", "ggcr-hello-world-v25"})
    void treeMatchesTheReference(String name) throws IOException {
        Path fixtures = fixtures();
        Map<String, byte[]> archive = read(fixtures.resolve("docker-archive/" + name + ".tar"));
        List<String> expectedText = Files.readAllLines(fixtures.resolve("expected/" + name + ".txt"), StandardCharsets.UTF_8);

        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(archive.get("manifest.json")).get(0);
        JsonNode config = json.readTree(archive.get(manifest.get("Config").asText()));
        List<String> diffIds = new ArrayList<>();
        config.get("rootfs").get("diff_ids").forEach(d -> diffIds.add(d.asText()));
        assertThat(diffIds).containsExactlyElementsOf(section(expectedText, "diff_ids:"));

        Path root = Files.createDirectory(tmp.resolve("rootfs"));
        LayerApplier applier = new LayerApplier();
        JsonNode layers = manifest.get("Layers");
        assertThat(layers).hasSize(diffIds.size());
        for (int i = 0; i < layers.size(); i++) {
            byte[] blob = archive.get(layers.get(i).asText());
            Layer layer = new Layer(new Descriptor("", Digest.sha256(blob), blob.length), Digest.parse(diffIds.get(i)));
            applier.applyBlob(new ByteArrayInputStream(blob), layer, root, ApplyOptions.DEFAULT);
        }

        RootfsListing expected = RootfsListing.parseExpected(expectedText);
        assertThat(expected.entries()).isNotEmpty();
        assertThat(RootfsListing.of(root)).isEqualTo(expected);
    }

    static Path fixtures() {
        String dir = System.getProperty("svcctl.fixtures", "../../../shared/fixtures");
        Path p = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("docker-archive"))) {
            fail("the shared fixtures are missing at " + p + ": clone the repository with ../shared beside it,"
                    + " or pass -Dsvcctl.fixtures=DIR");
        }
        return p;
    }

    /** The indented lines under {@code header} in an expected-listing file. */
    private static List<String> section(List<String> lines, String header) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            if (l.equals(header)) {
                in = true;
            } else if (in && l.startsWith("  ")) {
                out.add(l.strip());
            } else {
                in = false;
            }
        }
        return out;
    }

    private static Map<String, byte[]> read(Path tar) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (InputStream in = Files.newInputStream(tar);
             TarArchiveInputStream t = new TarArchiveInputStream(in, "UTF-8")) {
            for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
                if (e.isFile()) {
                    files.put(e.getName(), t.readAllBytes());
                }
            }
        }
        return files;
    }
}
