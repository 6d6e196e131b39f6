package io.svcctl.importers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerConfigFileTest {
    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static DockerConfigFile config(String json) throws ImportException {
        return DockerConfigFile.parse(json.getBytes(StandardCharsets.UTF_8), "config.json");
    }

    @Test
    void findsAuthsEntriesUnderDockersKeyForms() throws ImportException {
        DockerConfigFile file = config("""
                {"auths": {
                  "https://index.docker.io/v1/": {"auth": "%s"},
                  "localhost:5000": {"auth": "%s"},
                  "https://reg.example.com/v2/": {"username": "u3", "password": "p3"},
                  "empty.example.com": {}
                }}""".formatted(b64("hubuser:hub:pass"), b64("local:secret")));

        assertThat(file.lookup("docker.io").credentials()).contains(new Credentials("hubuser", "hub:pass"));
        assertThat(file.lookup("localhost:5000").credentials()).contains(new Credentials("local", "secret"));
        assertThat(file.lookup("reg.example.com").credentials()).contains(new Credentials("u3", "p3"));
        assertThat(file.lookup("empty.example.com")).isEqualTo(DockerConfigFile.Lookup.NONE);
        assertThat(file.lookup("localhost:5001")).isEqualTo(DockerConfigFile.Lookup.NONE);
    }

    @Test
    void namesTheCredentialHelperItDoesNotRun() throws ImportException {
        DockerConfigFile file = config("""
                {"auths": {"localhost:5000": {"auth": "%s"}},
                 "credHelpers": {"gcr.io": "gcloud"},
                 "credsStore": "desktop"}""".formatted(b64("a:b")));
        assertThat(file.lookup("gcr.io")).isEqualTo(new DockerConfigFile.Lookup(Optional.empty(), Optional.of("gcloud")));
        assertThat(file.lookup("docker.io")).isEqualTo(new DockerConfigFile.Lookup(Optional.empty(), Optional.of("desktop")));
        // an auths entry with credentials wins over the store
        assertThat(file.lookup("localhost:5000").credentials()).contains(new Credentials("a", "b"));
    }

    @Test
    void keysReduceToRegistries() {
        assertThat(DockerConfigFile.registryOfKey("https://index.docker.io/v1/")).isEqualTo("docker.io");
        assertThat(DockerConfigFile.registryOfKey("registry-1.docker.io")).isEqualTo("docker.io");
        assertThat(DockerConfigFile.registryOfKey("http://localhost:5000/v2/")).isEqualTo("localhost:5000");
        assertThat(DockerConfigFile.registryOfKey("quay.io")).isEqualTo("quay.io");
    }

    @Test
    void refusesBrokenFiles() {
        assertThatThrownBy(() -> config("{\"auths\": {\"x\": {\"auth\": \"%%%\"}}}").lookup("x"))
                .hasMessageContaining("not base64 of USER:PASSWORD");
        assertThatThrownBy(() -> config("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> config("{\"auths\": {}, \"auths\": {}}")).hasMessageContaining("not valid JSON");
    }
}
