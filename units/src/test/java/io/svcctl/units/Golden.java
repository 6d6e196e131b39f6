package io.svcctl.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Compares rendered text with src/test/resources/golden/NAME byte for byte. After a deliberate change, run
 * once with {@code -Dgolden.update=true}: the files are rewritten and the test fails so that the run cannot
 * count as a pass; review the diff, then run again without it.
 */
public final class Golden {
    private Golden() {
    }

    public static void assertMatches(String rendered, String name) {
        byte[] bytes = rendered.getBytes(StandardCharsets.UTF_8);
        if (Boolean.getBoolean("golden.update") && !Arrays.equals(bytes, readOrEmpty(name))) {
            try {
                Path file = Path.of("src/test/resources/golden", name);
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new AssertionError("rewrote golden/" + name + "; review it and run again without golden.update");
        }
        assertThat(bytes).as("golden/" + name + " (rendered:%n%s)", rendered).isEqualTo(read(name));
    }

    private static byte[] readOrEmpty(String name) {
        return Golden.class.getResource("/golden/" + name) == null ? new byte[0] : read(name);
    }

    public static byte[] read(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new AssertionError("missing golden file src/test/resources/golden/" + name
                        + " (create it with -Dgolden.update=true and review it)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
