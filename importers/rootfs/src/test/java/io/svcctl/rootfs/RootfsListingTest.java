package io.svcctl.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsListingTest {
    @TempDir
    Path root;

    @Test
    void parsesTheFixtureFormatAndRendersItBack() {
        List<String> text = List.of(
                "config:",
                "  Cmd: [\"/hello\"]",
                "rootfs (after applying layers and whiteouts):",
                "  f 0555 0:0 4 ./bar.txt",
                "  l 0777 0:0 - ./foo.txt bar.txt",
                "regular file sha256:",
                "  7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730  ./bar.txt");
        RootfsListing l = RootfsListing.parseExpected(text);
        assertThat(l.entries()).containsExactly("f 0555 0:0 4 ./bar.txt", "l 0777 0:0 - ./foo.txt bar.txt");
        assertThat(l.fileDigests()).containsExactly("7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730  ./bar.txt");
        assertThat(l.lines()).containsExactlyElementsOf(text.subList(2, text.size()));
    }

    @Test
    void sortsByPathBytesAndEscapesControlCharacters() throws IOException {
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a.b"), "");
        Files.writeString(root.resolve("new\nline"), "x");
        Files.createSymbolicLink(root.resolve("Z"), Path.of("a/b"));
        List<String> entries = RootfsListing.of(root).entries().stream().map(e -> e.substring(e.indexOf("./"))).toList();
        assertThat(entries).containsExactly("./Z a/b", "./a", "./a.b", "./a/b", "./new\\x0aline");
    }
}
