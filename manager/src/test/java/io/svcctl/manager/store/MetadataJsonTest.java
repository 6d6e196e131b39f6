package io.svcctl.manager.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.svcctl.rootfs.ImageConfig;
import io.svcctl.rootfs.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetadataJsonTest {
    private static final ImageStore.Metadata FULL = new ImageStore.Metadata("ab".repeat(32), "localhost:5000/app:1",
            "sha256:" + "cd".repeat(32),
            new ImageConfig(new Platform("linux", "arm64", "v8"), List.of("/entry", "--flag"), List.of("run", "it"),
                    List.of("PATH=/usr/bin", "A=b c"), "/srv", "www-data", Set.of("8080/tcp", "53/udp"),
                    Set.of("/data", "/cache"), Map.of("org.opencontainers.image.title", "app", "x", "\"quoted\"")),
            List.of("sha256:" + "01".repeat(32), "sha256:" + "02".repeat(32)));
    private static final ImageStore.Metadata SPARSE = new ImageStore.Metadata("ef".repeat(32), "busybox",
            "sha256:" + "12".repeat(32),
            new ImageConfig(new Platform("linux", "amd64", null), null, null, null, null, null, null, null, null),
            List.of());

    @Test
    void whatIsWrittenReadsBack() throws IOException {
        assertEquals(FULL, MetadataJson.read(MetadataJson.write(FULL)));
        assertEquals(SPARSE, MetadataJson.read(MetadataJson.write(SPARSE)));
    }

    @Test
    void theFormatIsTheOneBindingTheRecordsWrites() throws IOException {
        ObjectMapper binding = new ObjectMapper();
        for (ImageStore.Metadata meta : List.of(FULL, SPARSE)) {
            assertEquals(meta, MetadataJson.read(binding.writeValueAsBytes(meta)), "read what binding wrote");
            assertEquals(meta, binding.readValue(MetadataJson.write(meta), ImageStore.Metadata.class),
                    "binding reads what is written");
        }
    }

    @Test
    void theSameMetadataIsWrittenTheSameWay() throws IOException {
        ImageStore.Metadata reordered = new ImageStore.Metadata(FULL.id(), FULL.reference(), FULL.manifestDigest(),
                new ImageConfig(FULL.config().platform(), FULL.config().entrypoint(), FULL.config().cmd(),
                        FULL.config().env(), FULL.config().workingDir(), FULL.config().user(),
                        Set.of("53/udp", "8080/tcp"), Set.of("/cache", "/data"),
                        Map.of("x", "\"quoted\"", "org.opencontainers.image.title", "app")),
                FULL.diffIds());
        assertEquals(new String(MetadataJson.write(FULL), StandardCharsets.UTF_8),
                new String(MetadataJson.write(reordered), StandardCharsets.UTF_8));
    }

    @Test
    void aBrokenFileSaysWhatIsWrong() {
        IOException noConfig = assertThrows(IOException.class,
                () -> MetadataJson.read("{\"id\": \"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(noConfig.getMessage().contains("\"config\""), noConfig.getMessage());
        IOException noPlatform = assertThrows(IOException.class,
                () -> MetadataJson.read("{\"config\": {\"platform\": {\"os\": \"linux\"}}}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(noPlatform.getMessage().contains("platform needs an os and an architecture"), noPlatform.getMessage());
        IOException notAList = assertThrows(IOException.class, () -> MetadataJson.read(
                "{\"config\": {\"platform\": {\"os\": \"linux\", \"architecture\": \"amd64\"}, \"env\": \"A=b\"}}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(notAList.getMessage().contains("\"env\" is not a list"), notAList.getMessage());
    }
}
