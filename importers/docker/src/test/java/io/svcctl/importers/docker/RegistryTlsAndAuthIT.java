package io.svcctl.importers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.Platform;
import io.svcctl.testhost.registry.LocalRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS with a CA made in the test, htpasswd Basic auth, and bearer tokens from a token server, on real registries. */
class RegistryTlsAndAuthIT {
    @TempDir
    Path work;

    private Image pullBusybox(LocalRegistry registry, RegistryOptions options) throws IOException {
        try (ImageSource source = RegistryFixture.open(registry, "busybox", options)) {
            Image image = source.resolve(Platform.parse("linux/amd64"));
            new LayerDownloader(new BlobCache(work.resolve("cache")), 2)
                    .fetchAll(RegistryFixture.blobs(image.layers()), source.blobs(), DownloadListener.NONE);
            return image;
        }
    }

    @Test
    void tlsVerifiedWithTheRegistrysCaFromCertsD() throws IOException {
        try (LocalRegistry registry = RegistryFixture.startWithImages(
                LocalRegistry.builder(RegistryFixture.RUNNER, work.resolve("registry")).tls())) {
            Path certsD = work.resolve("certs.d");
            Files.createDirectories(certsD.resolve(registry.address()));
            Files.copy(registry.caFile().orElseThrow(), certsD.resolve(registry.address()).resolve("ca.crt"));

            Image image = pullBusybox(registry, RegistryFixture.options().withCertDirectories(List.of(certsD)));
            assertThat(image.layers()).hasSize(1);

            // without the CA the certificate is not trusted, and the message says what to do
            assertThatThrownBy(() -> pullBusybox(registry, RegistryFixture.options()))
                    .hasMessageStartingWith("while connecting to registry " + registry.address() + ": https:")
                    .hasMessageContaining("/etc/docker/certs.d/" + registry.address() + "/ca.crt")
                    .hasMessageContaining("--tls-verify=false");
            // --tls-verify=false: HTTPS without verification
            assertThat(pullBusybox(registry, RegistryFixture.options().withTlsVerify(false)).configDigest())
                    .isEqualTo(image.configDigest());
        }
    }

    @Test
    void tlsForAHostNameTheCertificateDoesNotNameFails() throws IOException {
        try (LocalRegistry registry = RegistryFixture.startWithImages(LocalRegistry.builder(RegistryFixture.RUNNER,
                work.resolve("registry")).tls(List.of("registry.invalid")))) {
            Path certsD = work.resolve("certs.d");
            Files.createDirectories(certsD.resolve(registry.address()));
            Files.copy(registry.caFile().orElseThrow(), certsD.resolve(registry.address()).resolve("ca.crt"));
            // the certificate names 127.0.0.1 too (the fixture adds the listen address): ask by "localhost" instead
            String byName = "localhost:" + registry.port();
            Files.createDirectories(certsD.resolve(byName));
            Files.copy(registry.caFile().orElseThrow(), certsD.resolve(byName).resolve("ca.crt"));
            RegistryOptions options = RegistryFixture.options().withCertDirectories(List.of(certsD));
            assertThat(pullBusybox(registry, options).layers()).hasSize(1);
            try (ImageSource source = ImageSources.open(ImageSourceSpec.parse(byName + "/busybox"), options)) {
                assertThatThrownBy(() -> source.resolve(Platform.host()))
                        .hasMessageStartingWith("while connecting to registry " + byName);
            }
        }
    }

    @Test
    void basicAuthWithExplicitOrDockerConfigCredentials() throws IOException {
        try (LocalRegistry registry = RegistryFixture.startWithImages(LocalRegistry.builder(RegistryFixture.RUNNER,
                work.resolve("registry")).basicAuth("tester", "s3cret:with colon"))) {
            RegistryOptions plain = RegistryFixture.options().withTlsVerify(false);
            assertThat(pullBusybox(registry, plain.withCredentials(Credentials.parse(registry.credentials().orElseThrow())))
                    .layers()).hasSize(1);

            Path config = work.resolve("docker/config.json");
            Files.createDirectories(config.getParent());
            String auth = Base64.getEncoder().encodeToString("tester:s3cret:with colon".getBytes(StandardCharsets.UTF_8));
            Files.writeString(config, "{\"auths\":{\"http://" + registry.address() + "/v2/\":{\"auth\":\"" + auth + "\"}}}");
            assertThat(pullBusybox(registry, plain.withDockerConfig(Optional.of(config))).layers()).hasSize(1);

            assertThatThrownBy(() -> pullBusybox(registry, plain))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("the registry requires authentication")
                    .hasMessageContaining("pass --creds USER:PASSWORD");
            assertThatThrownBy(() -> pullBusybox(registry, plain.withCredentials(new Credentials("tester", "wrong"))))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("the registry refused the credentials");

            Files.writeString(config, "{\"credsStore\":\"secretservice\"}");
            assertThatThrownBy(() -> pullBusybox(registry, plain.withDockerConfig(Optional.of(config))))
                    .hasMessageContaining("credential helper docker-credential-secretservice, which svcctl does not run");
        }
    }

    @Test
    void bearerTokensFromTheTokenServerAreFetchedOncePerScope() throws IOException {
        try (LocalRegistry registry = RegistryFixture.startWithImages(LocalRegistry.builder(RegistryFixture.RUNNER,
                work.resolve("registry")).tls().tokenAuth("tester", "tokenpass"))) {
            RegistryOptions options = RegistryFixture.options().withTlsVerify(false)
                    .withCredentials(new Credentials("tester", "tokenpass"));
            int before = registry.tokenServer().orElseThrow().tokensIssued();
            Image image = pullBusybox(registry, options);
            assertThat(image.layers()).hasSize(1);
            // manifest, config and layer requests share one token for repository:busybox:pull
            assertThat(registry.tokenServer().orElseThrow().tokensIssued() - before).isEqualTo(1);

            assertThatThrownBy(() -> pullBusybox(registry, RegistryFixture.options().withTlsVerify(false)))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("the registry requires authentication");
            assertThatThrownBy(() -> pullBusybox(registry, RegistryFixture.options().withTlsVerify(false)
                    .withCredentials(new Credentials("tester", "nope"))))
                    .hasMessageContaining("the token server refused the credentials for user tester");
        }
    }
}
