package io.svcctl.manager.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.svcctl.exec.LocalCommandRunner;
import io.svcctl.testhost.ExecResult;
import io.svcctl.testhost.Hosts;
import io.svcctl.testhost.TestHost;
import io.svcctl.testhost.registry.LocalRegistry;
import io.svcctl.testhost.registry.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every way in through the CLI, inside a real host: docker-archive and OCI layout files, a multi-platform index,
 * Basic auth from --creds and from ~/.docker/config.json, TLS with a per-registry CA in /etc/docker/certs.d, and
 * what a missing tag, digest or platform says and exits with.
 */
@Hosts(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportSourcesIT {
    private static final String USER = "alice";
    private static final String PASSWORD = "through the looking glass";

    private static RegistryFixture registry;
    private static LocalRegistry basic;
    private static LocalRegistry tls;

    @BeforeAll
    static void setUp(TestHost host) throws Exception {
        registry = RegistryFixture.start();
        Path work = Files.createTempDirectory("svcctl-it-sources");
        LocalCommandRunner runner = new LocalCommandRunner();
        basic = LocalRegistry.builder(runner, work.resolve("basic")).listenAddress(TestHost.BRIDGE_ADDRESS)
                .basicAuth(USER, PASSWORD).start();
        registry.images.push(basic);
        tls = LocalRegistry.builder(runner, work.resolve("tls")).listenAddress(TestHost.BRIDGE_ADDRESS).tls().start();
        registry.images.push(tls);
        host.svcctlOk("init", "--pool", "tank");
    }

    @AfterAll
    static void stopRegistries() {
        for (AutoCloseable r : new AutoCloseable[] {registry, basic, tls}) {
            try {
                if (r != null) {
                    r.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException("while stopping a test registry: " + e.getMessage(), e);
            }
        }
    }

    @Test
    @Order(1)
    void dockerArchiveUnderALocalName(TestHost host) throws IOException {
        Path archive = registry.images.dockerArchive(TestImages.BUSYBOX);
        Files.copy(archive, host.rootPath().resolve("root/busybox.tar"));
        JsonNode result = ImportIT.importJson(host, "docker-archive:/root/busybox.tar", "--name", "archived:1");
        assertThat(result.path("layersApplied").asInt()).isEqualTo(TestImages.BUSYBOX_LAYERS);
        assertThat(host.svcctlOk("image", "inspect", "archived:1")).contains("docker.io/library/archived:1");
    }

    @Test
    @Order(2)
    void ociLayoutByTag(TestHost host) throws IOException {
        copyTree(registry.images.layout(), host.rootPath().resolve("root/layout"));
        JsonNode result = ImportIT.importJson(host, "oci:/root/layout:" + TestImages.LAYERED);
        // the archive's busybox layer is the same layer (same diff id): shared, not applied again
        assertThat(result.path("layersShared").asInt()).isEqualTo(1);
        assertThat(result.path("layersApplied").asInt()).isEqualTo(TestImages.LAYERED_LAYERS - 1);

        ExecResult missing = host.svcctl("import", "docker", "oci:/root/layout:nope");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.stderr()).contains("no image is tagged 'nope'").contains(TestImages.SHAREDBASE);
    }

    @Test
    @Order(3)
    void multiPlatformIndexByPlatform(TestHost host) {
        JsonNode arm = ImportIT.importJson(host, registry.ref(TestImages.MULTI), "--platform", "linux/arm64");
        assertThat(arm.path("image").path("platform").asText()).isEqualTo("linux/arm64");
        JsonNode amd = ImportIT.importJson(host, registry.ref(TestImages.MULTI), "--platform", "linux/amd64");
        assertThat(amd.path("image").path("platform").asText()).isEqualTo("linux/amd64");
        assertThat(amd.path("image").path("id").asText()).isNotEqualTo(arm.path("image").path("id").asText());

        ExecResult wrong = host.svcctl("import", "docker", registry.ref(TestImages.MULTI), "--tls-verify=false",
                "--platform", "linux/s390x");
        assertThat(wrong.exitCode()).as(wrong.stderr()).isEqualTo(3);
        assertThat(wrong.stderr()).contains("no image for linux/s390x").contains("linux/amd64, linux/arm64");
    }

    @Test
    @Order(4)
    void unknownTagOrDigestIsNotFound(TestHost host) {
        ExecResult tag = host.svcctl("import", "docker", registry.registry.address() + "/busybox:nope", "--tls-verify=false");
        assertThat(tag.exitCode()).as(tag.stderr()).isEqualTo(3);
        assertThat(tag.stderr()).contains("manifest nope of " + registry.registry.address() + "/busybox").contains("not found");

        ExecResult digest = host.svcctl("import", "docker", registry.registry.address() + "/busybox@sha256:" + "0".repeat(64),
                "--tls-verify=false");
        assertThat(digest.exitCode()).as(digest.stderr()).isEqualTo(3);
        assertThat(digest.stderr()).contains("not found");
    }

    @Test
    @Order(5)
    void basicAuthFromCredsAndFromDockerConfig(TestHost host) throws IOException {
        String busybox = basic.address() + "/" + TestImages.BUSYBOX + ":latest";
        ExecResult anonymous = host.svcctl("import", "docker", busybox, "--tls-verify=false");
        assertThat(anonymous.exitCode()).as(anonymous.stderr()).isEqualTo(1);
        assertThat(anonymous.stderr()).contains("requires authentication").contains("--creds");

        host.svcctlOk("import", "docker", busybox, "--tls-verify=false", "--creds", USER + ":" + PASSWORD);

        Path config = host.rootPath().resolve("root/.docker/config.json");
        Files.createDirectories(config.getParent());
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Files.writeString(config, "{\"auths\":{\"" + basic.address() + "\":{\"auth\":\"" + auth + "\"}}}");
        JsonNode result = ImportIT.importJson(host, basic.address() + "/" + TestImages.SHAREDBASE + ":latest");
        assertThat(result.path("image").path("references").toString()).contains(basic.address() + "/sharedbase:latest");
    }

    @Test
    @Order(6)
    void tlsWithTheRegistryCaInCertsD(TestHost host) throws IOException {
        String busybox = tls.address() + "/" + TestImages.BUSYBOX + ":latest";
        ExecResult untrusted = host.svcctl("import", "docker", busybox);
        assertThat(untrusted.exitCode()).as(untrusted.stderr()).isEqualTo(1);
        assertThat(untrusted.stderr()).containsIgnoringCase("certificate");

        Path ca = host.rootPath().resolve("etc/docker/certs.d/" + tls.address() + "/ca.crt");
        Files.createDirectories(ca.getParent());
        Files.copy(tls.caFile().orElseThrow(), ca);
        assertThat(host.svcctlOk("import", "docker", busybox)).contains("present already");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }
}
