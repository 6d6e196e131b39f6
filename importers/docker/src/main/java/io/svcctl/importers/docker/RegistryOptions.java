package io.svcctl.importers.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to talk to registries.
 *
 * @param credentials     explicit {@code user:password}; when absent, Docker's config.json is consulted
 * @param tlsVerify       false allows plain HTTP and unverified TLS, like skopeo's {@code --tls-verify=false}
 * @param dockerConfig    Docker's config.json to read credentials from (absent: none)
 * @param certDirectories where per-registry CA files live as {@code DIR/HOST[:PORT]/*.crt}
 * @param timeout         connect timeout, and how long to wait for a response to start or for the next bytes of one
 */
public record RegistryOptions(Optional<Credentials> credentials, boolean tlsVerify, Optional<Path> dockerConfig,
                              List<Path> certDirectories, Duration timeout) {
    public RegistryOptions {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(dockerConfig, "dockerConfig");
        certDirectories = List.copyOf(certDirectories);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Verified TLS, credentials from {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}, Docker's and containers' certs.d. */
    public static RegistryOptions defaults() {
        String dockerConfigDir = System.getenv("DOCKER_CONFIG");
        Path config = dockerConfigDir != null && !dockerConfigDir.isEmpty()
                ? Path.of(dockerConfigDir, "config.json")
                : Path.of(System.getProperty("user.home"), ".docker", "config.json");
        return new RegistryOptions(Optional.empty(), true, Optional.of(config),
                List.of(Path.of("/etc/docker/certs.d"), Path.of("/etc/containers/certs.d")), Duration.ofSeconds(30));
    }

    public RegistryOptions withCredentials(Credentials explicit) {
        return new RegistryOptions(Optional.of(explicit), tlsVerify, dockerConfig, certDirectories, timeout);
    }

    public RegistryOptions withTlsVerify(boolean verify) {
        return new RegistryOptions(credentials, verify, dockerConfig, certDirectories, timeout);
    }

    public RegistryOptions withDockerConfig(Optional<Path> file) {
        return new RegistryOptions(credentials, tlsVerify, file, certDirectories, timeout);
    }

    public RegistryOptions withCertDirectories(List<Path> directories) {
        return new RegistryOptions(credentials, tlsVerify, dockerConfig, directories, timeout);
    }

    public RegistryOptions withTimeout(Duration duration) {
        return new RegistryOptions(credentials, tlsVerify, dockerConfig, certDirectories, duration);
    }
}
