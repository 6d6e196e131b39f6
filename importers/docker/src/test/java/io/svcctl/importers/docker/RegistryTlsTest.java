package io.svcctl.importers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTlsTest {
    @TempDir
    Path dir;

    @Test
    void findsCaFilesPerRegistryInEveryCertsDirectory() throws IOException {
        Path docker = dir.resolve("docker");
        Path containers = dir.resolve("containers");
        Files.createDirectories(docker.resolve("reg.example.com:5000"));
        Files.createDirectories(containers.resolve("reg.example.com:5000"));
        Files.createDirectories(docker.resolve("other.example.com"));
        Files.writeString(docker.resolve("reg.example.com:5000/b.crt"), "");
        Files.writeString(docker.resolve("reg.example.com:5000/a.crt"), "");
        Files.writeString(docker.resolve("reg.example.com:5000/client.key"), "");
        Files.writeString(containers.resolve("reg.example.com:5000/ca.crt"), "");
        Files.writeString(docker.resolve("other.example.com/ca.crt"), "");

        assertThat(RegistryTls.caFiles(List.of(docker, containers, dir.resolve("missing")), Set.of("reg.example.com:5000")))
                .containsExactly(docker.resolve("reg.example.com:5000/a.crt"), docker.resolve("reg.example.com:5000/b.crt"),
                        containers.resolve("reg.example.com:5000/ca.crt"));
    }

    @Test
    void aCaFileThatIsNoCertificateIsReported() throws IOException {
        Files.createDirectories(dir.resolve("reg:5000"));
        Files.writeString(dir.resolve("reg:5000/ca.crt"), "not a certificate");
        assertThatThrownBy(() -> RegistryTls.context(true, List.of(dir), Set.of("reg:5000")))
                .hasMessageStartingWith("while reading CA file " + dir.resolve("reg:5000/ca.crt") + ": it is not a PEM certificate");
        // without verification the files are not even read
        assertThat(RegistryTls.context(false, List.of(dir), Set.of("reg:5000"))).isNotNull();
    }
}
