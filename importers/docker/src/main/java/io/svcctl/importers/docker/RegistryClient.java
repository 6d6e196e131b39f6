package io.svcctl.importers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Talks to one repository of one registry (HTTP API v2 / OCI distribution). Runs {@link RegistryEndpoint}s:
 * finds the scheme with a ping of /v2/, authenticates when challenged, maps error answers to messages.
 */
final class RegistryClient {
    private static final long MAX_ERROR_BODY = 64 << 10;

    private final ImageReference reference;
    private final RegistryOptions options;
    private final HttpTransport transport;
    private final RegistryAuthenticator auth;
    private final Optional<String> unsupportedHelper;
    private volatile URI base;

    private RegistryClient(ImageReference reference, RegistryOptions options, HttpTransport transport,
                           RegistryAuthenticator auth, Optional<String> unsupportedHelper) {
        this.reference = reference;
        this.options = options;
        this.transport = transport;
        this.auth = auth;
        this.unsupportedHelper = unsupportedHelper;
    }

    static RegistryClient create(ImageReference reference, RegistryOptions options) throws IOException {
        Set<String> hostNames = new LinkedHashSet<>(List.of(reference.registry(), reference.apiHost()));
        HttpTransport transport = HttpTransport.create(
                RegistryTls.context(options.tlsVerify(), options.certDirectories(), hostNames), options.timeout());
        Optional<Credentials> credentials = options.credentials();
        Optional<String> helper = Optional.empty();
        if (credentials.isEmpty() && options.dockerConfig().isPresent()) {
            DockerConfigFile.Lookup found = dockerConfig(options.dockerConfig().get()).lookup(reference.registry());
            credentials = found.credentials();
            helper = found.helper();
        }
        RegistryAuthenticator auth = new RegistryAuthenticator(new TokenFetcher(transport), credentials, Clock.systemUTC());
        return new RegistryClient(reference, options, transport, auth, helper);
    }

    private static DockerConfigFile dockerConfig(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return DockerConfigFile.empty();
        }
        return DockerConfigFile.parse(Files.readAllBytes(file), file.toString());
    }

    String registry() {
        return reference.registry();
    }

    String repository() {
        return reference.repository();
    }

    private String scope() {
        return "repository:" + reference.repository() + ":pull";
    }

    <T> T call(RegistryEndpoint<T> endpoint) throws IOException {
        URI uri = base().resolve(endpoint.path());
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        if (!endpoint.accept().isEmpty()) {
            headers.put("Accept", String.join(", ", endpoint.accept()));
        }
        for (int attempt = 0; ; attempt++) {
            String authorization = auth.authorization(scope());
            HttpTransport.Response response = transport.get(uri, headers, authorization, endpoint.description());
            if (response.statusCode() == 401 && attempt == 0
                    && auth.challenged(response.headers().allValues("WWW-Authenticate"), authorization)) {
                response.body().close();
                continue;
            }
            if (response.statusCode() / 100 == 2) {
                return endpoint.handle(response);
            }
            throw error(endpoint.description(), response);
        }
    }

    /** The registry's base URI, found by pinging /v2/ over HTTPS (and, with TLS verification off, then HTTP). */
    private URI base() throws IOException {
        URI known = base;
        if (known != null) {
            return known;
        }
        String doing = "connecting to registry " + reference.registry();
        List<String> schemes = options.tlsVerify() ? List.of("https") : List.of("https", "http");
        List<String> failures = new ArrayList<>();
        for (String scheme : schemes) {
            URI root = URI.create(scheme + "://" + reference.apiHost() + "/");
            HttpTransport.Response response;
            try {
                response = transport.get(root.resolve("/v2/"), Map.of(), null, doing);
            } catch (ImportException e) {
                failures.add(scheme + ": " + e.reason());
                continue;
            }
            response.body().close();
            int status = response.statusCode();
            if (status == 401) {
                auth.challenged(response.headers().allValues("WWW-Authenticate"), null);
            } else if (status != 200) {
                throw new RegistryException(doing, status, root + "v2/ answered " + status
                        + "; is this a registry speaking the HTTP API v2?");
            }
            base = root;
            return root;
        }
        throw new ImportException(doing, String.join("; ", failures) + (options.tlsVerify()
                ? " (for a registry with a private CA put it in /etc/docker/certs.d/" + reference.registry()
                + "/ca.crt; for plain HTTP or an unverified certificate pass --tls-verify=false)" : ""));
    }

    private RegistryException error(String doing, HttpTransport.Response response) throws IOException {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes((int) MAX_ERROR_BODY);
        }
        int status = response.statusCode();
        String detail = registryErrors(body);
        String why = switch (status) {
            case 401 -> unauthorized(detail);
            case 403 -> "access denied (" + detail + ")";
            case 404 -> "not found (" + detail + "); check the repository name, tag and digest";
            case 429 -> "the registry limits requests and this client is over the limit (" + detail + "); try again later";
            default -> "the registry answered " + status + " (" + detail + ")";
        };
        return new RegistryException(doing, status, why);
    }

    private String unauthorized(String detail) {
        if (auth.hasCredentials()) {
            return "the registry refused the credentials (" + detail + ")";
        }
        String hint = unsupportedHelper
                .map(h -> "; Docker's config keeps the credentials for " + reference.registry()
                        + " in the credential helper docker-credential-" + h
                        + ", which svcctl does not run: pass --creds USER:PASSWORD")
                .orElse("; pass --creds USER:PASSWORD, or log in so that ~/.docker/config.json has credentials for "
                        + reference.registry());
        return "the registry requires authentication (" + detail + ")" + hint;
    }

    /** The registry's error list ({@code {"errors":[{"code":..,"message":..}]}}) as text, or the start of the body. */
    static String registryErrors(byte[] body) {
        try {
            JsonNode errors = Json.MAPPER.readTree(body).get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                List<String> parts = new ArrayList<>();
                for (JsonNode e : errors) {
                    parts.add(Json.text(e, "code") + ": " + Json.text(e, "message"));
                }
                return String.join("; ", parts);
            }
        } catch (IOException | RuntimeException e) {
            // not the registry's JSON error format: show the raw start instead
        }
        return body.length == 0 ? "no details given" : snippet(body);
    }

    static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return body.length > 200 ? text + "..." : text;
    }

    static byte[] readBounded(InputStream in, long limit, String doing) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new ImportException(doing, "the answer is larger than the " + limit + " bytes allowed");
        }
        return bytes;
    }
}
