package io.svcctl.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void whatIsSavedLoadsBack() throws IOException {
        Settings saved = new Settings("tank/svcctl", "/var/lib/svcctl", 0x6FFF0000L);
        Path file = dir.resolve("config.json");
        saved.save(file);
        assertEquals(saved, Settings.load(file));
    }

    @Test
    void aMissingFieldSaysWhichAndWhatToDo() throws IOException {
        Path file = write("{\"root\": \"tank/svcctl\", \"uidShift\": 0}");
        SvcctlException e = assertThrows(SvcctlException.class, () -> Settings.load(file));
        assertEquals(SvcctlException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("\"mountpoint\"") && e.getMessage().contains("svcctl init"), e.getMessage());
    }

    @Test
    void anInvalidValueIsRefusedAsTheRecordRefusesIt() throws IOException {
        Path file = write("{\"root\": \"tank/svcctl\", \"mountpoint\": \"relative\", \"uidShift\": 0}");
        SvcctlException e = assertThrows(SvcctlException.class, () -> Settings.load(file));
        assertTrue(e.getMessage().contains("mountpoint must be absolute"), e.getMessage());
    }

    @Test
    void brokenJsonSaysSo() throws IOException {
        Path file = write("{\"root\": ");
        SvcctlException e = assertThrows(SvcctlException.class, () -> Settings.load(file));
        assertTrue(e.getMessage().startsWith("while reading " + file), e.getMessage());
    }

    @Test
    void noFileSaysToInitialise() {
        SvcctlException e = assertThrows(SvcctlException.class, () -> Settings.load(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("svcctl init --pool"), e.getMessage());
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("config.json"), json, StandardCharsets.UTF_8);
    }
}
