package io.svcctl.manager;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.svcctl.zfs.DatasetName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What {@code svcctl init} decided for this host: the root dataset, where it is mounted, and the UID base
 * images are shifted to for user-namespaced services (0 when the storage maps IDs itself).
 * Kept in {@code /etc/svcctl/config.json}; {@code SVCCTL_CONFIG} names another file.
 *
 * <p>Read and written with Jackson's streaming parser, not its ObjectMapper: every command reads this file first,
 * and an ObjectMapper's first construction (its default date format, type factory) took ~30 ms of CPU in each
 * fresh JVM, while {@code svcctl start} was connecting to systemd.
 */
public record Settings(String root, String mountpoint, long uidShift) {
    public static final Path DEFAULT_FILE = Path.of("/etc/svcctl/config.json");
    private static final JsonFactory JSON = new JsonFactory();

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
     * The settings, or an error that says to run {@code svcctl init}. A hand-edited file missing a field is told which
     * one; fields it does not know are ignored.
     */
    public static Settings load(Path file) {
        try (JsonParser json = JSON.createParser(Files.readAllBytes(file))) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("it is not a JSON object");
            }
            String root = null;
            String mountpoint = null;
            long uidShift = 0;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "root" -> root = value == JsonToken.VALUE_STRING ? json.getText() : null;
                    case "mountpoint" -> mountpoint = value == JsonToken.VALUE_STRING ? json.getText() : null;
                    case "uidShift" -> uidShift = json.getValueAsLong(0);
                    default -> json.skipChildren();
                }
            }
            return new Settings(required(root, "root"), required(mountpoint, "mountpoint"), uidShift);
        } catch (NoSuchFileException e) {
            throw new SvcctlException(SvcctlException.Kind.UNAVAILABLE,
                    "svcctl is not initialized on this host (no " + file + "): run 'svcctl init --pool POOL' "
                            + "or 'svcctl init --pool svcctl --file /var/lib/svcctl.img --size 20G'");
        } catch (IOException | IllegalArgumentException e) {
            throw new SvcctlException(SvcctlException.Kind.UNAVAILABLE,
                    "while reading " + file + ": " + e.getMessage() + " (fix or remove it, then run 'svcctl init')", e);
        }
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("no \"" + field + "\" text in it");
        }
        return value;
    }

    public void save(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("root", root);
            json.writeStringField("mountpoint", mountpoint);
            json.writeNumberField("uidShift", uidShift);
            json.writeEndObject();
        }
        HostFiles.writeAtomically(file, bytes.toByteArray());
    }
}
