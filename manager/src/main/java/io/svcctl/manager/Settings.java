package io.svcctl.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.svcctl.zfs.DatasetName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What {@code svcctl init} decided for this host: the root dataset, where it is mounted, and the UID base
 * images are shifted to for user-namespaced services (0 when the storage maps IDs itself).
 * Kept in {@code /etc/svcctl/config.json}; {@code SVCCTL_CONFIG} names another file.
 */
public record Settings(String root, String mountpoint, long uidShift) {
    public static final Path DEFAULT_FILE = Path.of("/etc/svcctl/config.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Settings {
        DatasetName.parse(root);
        if (!mountpoint.startsWith("/")) {
            throw new IllegalArgumentException("mountpoint must be absolute: " + mountpoint);
        }
        if (uidShift < 0 || uidShift % 65536 != 0) {
            throw new IllegalArgumentException("uidShift must be a non-negative multiple of 65536, not " + uidShift);
        }
    }

    public DatasetName rootDataset() {
        return DatasetName.parse(root);
    }

    public static Path file() {
        String override = System.getenv("SVCCTL_CONFIG");
        return override == null || override.isBlank() ? DEFAULT_FILE : Path.of(override);
    }

    /**
     * The settings, or an error that says to run {@code svcctl init}. Read from the JSON tree, so that a hand-edited
     * file missing a field is told which one (binding to the record reported a null inside its constructor).
     */
    public static Settings load(Path file) {
        try {
            JsonNode json = JSON.readTree(Files.readAllBytes(file));
            return new Settings(text(json, "root"), text(json, "mountpoint"), json.path("uidShift").asLong(0));
        } catch (NoSuchFileException e) {
            throw new SvcctlException(SvcctlException.Kind.UNAVAILABLE,
                    "svcctl is not initialized on this host (no " + file + "): run 'svcctl init --pool POOL' "
                            + "or 'svcctl init --pool svcctl --file /var/lib/svcctl.img --size 20G'");
        } catch (IOException | IllegalArgumentException e) {
            throw new SvcctlException(SvcctlException.Kind.UNAVAILABLE,
                    "while reading " + file + ": " + e.getMessage() + " (fix or remove it, then run 'svcctl init')", e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("no \"" + field + "\" text in it");
        }
        return value.asText();
    }

    public void save(Path file) throws IOException {
        HostFiles.writeAtomically(file, JSON.writeValueAsBytes(this));
    }
}
