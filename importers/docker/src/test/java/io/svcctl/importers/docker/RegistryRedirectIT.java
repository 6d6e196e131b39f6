package io.svcctl.importers.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.svcctl.exec.Command;
import io.svcctl.testhost.registry.TestCertificates;
import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.Platform;
import io.svcctl.testhost.registry.LocalRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A front that demands Basic auth and redirects blob downloads as registries do: first on its own origin, then
 * to "storage" under another host name (localhost instead of 127.0.0.1), which must not see the credentials.
 * It speaks HTTPS, as registries and object stores do (a redirect out of HTTPS is refused).
 */
class RegistryRedirectIT {
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(.+)");
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("front:pass".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path work;
    private LocalRegistry registry;
    private HttpsServer front;
    private final HttpClient upstream = HttpClient.newHttpClient();
    private final List<String> sameOriginHops = new CopyOnWriteArrayList<>();
    private final List<String> storageAuthorizations = new CopyOnWriteArrayList<>();
    private final List<String> storageRanges = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        registry = RegistryFixture.startWithImages(LocalRegistry.builder(RegistryFixture.RUNNER, work.resolve("registry")));
        front = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        front.setHttpsConfigurator(new HttpsConfigurator(serverTls(work.resolve("front-tls"))));
        front.createContext("/", this::handle);
        front.start();
    }

    @AfterEach
    void stop() {
        if (front != null) {
            front.stop(0);
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** A server certificate for 127.0.0.1 and localhost, from a CA made here. */
    private static SSLContext serverTls(Path dir) throws IOException {
        TestCertificates certs = TestCertificates.create(RegistryFixture.RUNNER, dir, List.of("127.0.0.1", "localhost"));
        Path p12 = dir.resolve("server.p12");
        RegistryFixture.RUNNER.run(Command.of("openssl", "pkcs12", "-export", "-in", certs.certificate().toString(),
                "-inkey", certs.key().toString(), "-out", p12.toString(), "-passout", "pass:test")
                .withTimeout(Duration.ofMinutes(1)));
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "test".toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, "test".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (path.startsWith("/storage/")) {
                storageAuthorizations.add(String.valueOf(authorization));
                storageRanges.add(String.valueOf(exchange.getRequestHeaders().getFirst("Range")));
                proxy(exchange, "/v2/" + path.substring("/storage/".length()));
                return;
            }
            if (!BASIC.equals(authorization)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"front\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            Matcher blob = BLOB.matcher(path);
            if (blob.matches()) {
                redirect(exchange, 302, "/hop/" + blob.group(1) + "/blobs/" + blob.group(2));
            } else if (path.startsWith("/hop/")) {
                sameOriginHops.add(authorization);
                redirect(exchange, 307, "https://localhost:" + front.getAddress().getPort() + "/storage/"
                        + path.substring("/hop/".length()));
            } else {
                proxy(exchange, path);
            }
        }
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
    }

    private void proxy(HttpExchange exchange, String path) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.baseUrl() + path));
        for (String header : List.of("Accept", "Range")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        for (String header : List.of("Content-Type", "Docker-Content-Digest", "Content-Range")) {
            response.headers().firstValue(header).ifPresent(v -> exchange.getResponseHeaders().set(header, v));
        }
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Test
    void credentialsStayWithTheirOriginAcrossRedirects() throws IOException {
        String address = "127.0.0.1:" + front.getAddress().getPort();
        RegistryOptions options = RegistryFixture.options().withTlsVerify(false).withCredentials(new Credentials("front", "pass"));
        try (ImageSource source = ImageSources.open(ImageSourceSpec.parse(address + "/busybox"), options)) {
            Image image = source.resolve(Platform.parse("linux/amd64"));
            Descriptor layer = image.layers().get(0).blob();
            BlobCache cache = new BlobCache(work.resolve("cache"));
            Path blob = cache.fetch(layer, source.blobs(), DownloadListener.NONE);
            assertThat(RegistryFixture.diffIdOf(blob)).isEqualTo(image.layers().get(0).diffId());

            // the config and the layer each took both hops
            assertThat(sameOriginHops).hasSize(2).allMatch(BASIC::equals);
            assertThat(storageAuthorizations).hasSize(2).allMatch("null"::equals);

            // a resumed download keeps its Range across the redirects
            byte[] bytes = Files.readAllBytes(blob);
            BlobCache second = new BlobCache(work.resolve("cache2"));
            Path partial = second.path(layer.digest()).resolveSibling(layer.digest().hex() + ".partial");
            Files.createDirectories(partial.getParent());
            Files.write(partial, Arrays.copyOf(bytes, 1000));
            assertThat(Files.readAllBytes(second.fetch(layer, source.blobs(), DownloadListener.NONE))).isEqualTo(bytes);
            assertThat(storageRanges).last().isEqualTo("bytes=1000-");
        }
    }
}
