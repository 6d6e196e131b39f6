package io.svcctl.testhost.registry;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandFailedException;
import io.svcctl.exec.CommandRunner;
import io.svcctl.exec.RunningProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real registry for tests: Debian's {@code docker-registry} (the CNCF distribution registry) run with a
 * generated config, storage in the work directory, optionally TLS (a test CA), htpasswd Basic auth, or token
 * auth with a {@link TokenServer} in this JVM. {@link #close()} kills the registry process.
 */
public final class LocalRegistry implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final RunningProcess process;
    private final Thread logPump;
    private final String host;
    private final int port;
    private final Optional<TestCertificates> tls;
    private final Optional<String> credentials;
    private final Optional<TokenServer> tokenServer;

    private LocalRegistry(RunningProcess process, Thread logPump, String host, int port,
                          Optional<TestCertificates> tls, Optional<String> credentials, Optional<TokenServer> tokenServer) {
        this.process = process;
        this.logPump = logPump;
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.credentials = credentials;
        this.tokenServer = tokenServer;
    }

    public static Builder builder(CommandRunner runner, Path workDir) {
        return new Builder(runner, workDir);
    }

    /** How a test wants its registry. */
    public static final class Builder {
        private final CommandRunner runner;
        private final Path workDir;
        private String listen = "127.0.0.1";
        private int port;
        private boolean tls;
        private List<String> tlsNames = List.of("127.0.0.1", "localhost");
        private String user;
        private String password;
        private boolean token;

        private Builder(CommandRunner runner, Path workDir) {
            this.runner = runner;
            this.workDir = workDir;
        }

        /** The address to listen on: 127.0.0.1 by default; 10.231.0.1 to serve test hosts in network namespaces. */
        public Builder listenAddress(String address) {
            this.listen = address;
            return this;
        }

        /** A fixed port instead of a free one. */
        public Builder port(int fixed) {
            this.port = fixed;
            return this;
        }

        /** Serve HTTPS with a certificate from a CA made for this registry, valid for these names. */
        public Builder tls(List<String> certificateNames) {
            this.tls = true;
            this.tlsNames = List.copyOf(certificateNames);
            return this;
        }

        /** Serve HTTPS for the listen address and {@code localhost}. */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /** Require this user (htpasswd, bcrypt, Basic auth). */
        public Builder basicAuth(String username, String secret) {
            this.user = username;
            this.password = secret;
            this.token = false;
            return this;
        }

        /** Require bearer tokens from a {@link TokenServer} that knows this user. */
        public Builder tokenAuth(String username, String secret) {
            this.user = username;
            this.password = secret;
            this.token = true;
            return this;
        }

        public LocalRegistry start() throws IOException {
            Tools.require("docker-registry", "docker-registry");
            Files.createDirectories(workDir);
            int chosen = port != 0 ? port : freePort(listen);
            Optional<TestCertificates> certs = Optional.empty();
            if (tls) {
                List<String> names = tlsNames.contains(listen) ? tlsNames
                        : Stream.concat(tlsNames.stream(), Stream.of(listen)).toList();
                certs = Optional.of(TestCertificates.create(runner, workDir.resolve("tls"), names));
            }
            StringBuilder auth = new StringBuilder();
            Optional<TokenServer> tokens = Optional.empty();
            if (user != null && token) {
                TokenServer server = TokenServer.start(runner, workDir.resolve("token"), listen, "svcctl-test-registry",
                        user, password);
                tokens = Optional.of(server);
                auth.append("auth:\n  token:\n")
                        .append("    realm: ").append(server.realm()).append('\n')
                        .append("    service: ").append(server.service()).append('\n')
                        .append("    issuer: ").append(server.issuer()).append('\n')
                        .append("    rootcertbundle: ").append(server.certificate()).append('\n');
            } else if (user != null) {
                Path htpasswd = workDir.resolve("htpasswd");
                Tools.require("htpasswd", "apache2-utils");
                // the registry accepts bcrypt entries only
                String line = Tools.run(runner, "htpasswd", "-Bbn", user, password).stdoutText().strip();
                Files.writeString(htpasswd, line + "\n");
                auth.append("auth:\n  htpasswd:\n    realm: svcctl-test-registry\n    path: ").append(htpasswd).append('\n');
            }
            Path storage = workDir.resolve("storage");
            Files.createDirectories(storage);
            String hostPort = (listen.contains(":") ? "[" + listen + "]" : listen) + ":" + chosen;
            String config = "version: 0.1\n"
                    + "log:\n  level: error\n  accesslog:\n    disabled: true\n"
                    + "storage:\n  filesystem:\n    rootdirectory: " + storage + "\n  delete:\n    enabled: true\n"
                    + "  maintenance:\n    uploadpurging:\n      enabled: false\n"
                    + "http:\n  addr: " + hostPort + "\n  secret: " + UUID.randomUUID() + "\n"
                    + certs.map(c -> "  tls:\n    certificate: " + c.certificate() + "\n    key: " + c.key() + "\n").orElse("")
                    + "health:\n  storagedriver:\n    enabled: false\n"
                    + auth;
            Path configFile = workDir.resolve("config.yml");
            Files.writeString(configFile, config);
            RunningProcess process = runner.start(Command.of("docker-registry", "serve", configFile.toString()));
            Thread pump = pumpToFile(process, workDir.resolve("registry.log"));
            LocalRegistry registry = new LocalRegistry(process, pump, listen, chosen, certs,
                    user == null ? Optional.empty() : Optional.of(user + ":" + password), tokens);
            try {
                registry.awaitListening();
            } catch (IOException | RuntimeException e) {
                registry.close();
                throw e;
            }
            return registry;
        }
    }

    private static int freePort(String address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return socket.getLocalPort();
        }
    }

    private static Thread pumpToFile(RunningProcess process, Path log) {
        Thread pump = new Thread(() -> {
            try (InputStream in = process.stdout(); OutputStream out = Files.newOutputStream(log)) {
                in.transferTo(out);
            } catch (IOException e) {
                // the pipe closes when the registry is killed
            }
        }, "registry-log-" + log.getParent().getFileName());
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    /** Waits until the registry accepts connections; if it exits first, fails with its stderr. */
    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!logPump.isAlive()) {
                // stdout closed: the registry exited; waitFor reports how, with its stderr
                try {
                    process.waitFor();
                } catch (CommandFailedException e) {
                    throw new IOException("while starting the test registry: " + e.getMessage(), e);
                }
                throw new IOException("while starting the test registry: it exited at once without an error");
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(host, port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IOException("while starting the test registry: nothing listens on " + address() + " after " + STARTUP);
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the test registry");
        }
    }

    /** {@code HOST:PORT} as written in image references, e.g. {@code 127.0.0.1:41234}. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean tls() {
        return tls.isPresent();
    }

    /** The CA a client must trust, when the registry serves TLS. */
    public Optional<Path> caFile() {
        return tls.map(TestCertificates::caFile);
    }

    /** {@code user:password} when the registry requires them. */
    public Optional<String> credentials() {
        return credentials;
    }

    public Optional<TokenServer> tokenServer() {
        return tokenServer;
    }

    /** {@code http(s)://HOST:PORT}. */
    public String baseUrl() {
        return (tls() ? "https://" : "http://") + address();
    }

    @Override
    public void close() {
        process.close();
        tokenServer.ifPresent(TokenServer::close);
    }
}
