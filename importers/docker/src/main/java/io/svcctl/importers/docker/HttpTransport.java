package io.svcctl.importers.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every HTTP exchange with registries and token servers goes through here. Redirects are followed by hand:
 * JDK 17's HttpClient would forward a manually set Authorization header to whatever host a redirect names,
 * and registries redirect blob downloads to object storage. Credentials go to the origin they were meant for only.
 */
final class HttpTransport {
    private static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient client;
    private final Duration timeout;

    HttpTransport(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    static HttpTransport create(javax.net.ssl.SSLContext tls, Duration timeout) {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .sslContext(tls)
                .build();
        return new HttpTransport(client, timeout);
    }

    /**
     * Sends a GET, following redirects. The caller closes the body of the response it gets.
     *
     * @param authorization sent to {@code uri}'s origin (scheme, host and port) only; null for none
     * @param doing         for errors, e.g. {@code pulling manifest latest of localhost:5000/x}
     */
    HttpResponse<InputStream> get(URI uri, Map<String, String> headers, String authorization, String doing)
            throws IOException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(timeout).GET();
            headers.forEach(request::header);
            if (authorization != null && sameOrigin(uri, current)) {
                request.header("Authorization", authorization);
            }
            HttpResponse<InputStream> response = exchange(request.build(), doing);
            if (!REDIRECTS.contains(response.statusCode())) {
                return response;
            }
            response.body().close();
            String location = response.headers().firstValue("Location").orElseThrow(() -> new ImportException(doing,
                    "the server answered " + response.statusCode() + " without a Location to redirect to"));
            URI next = current.resolve(location);
            if ("https".equals(current.getScheme()) && !"https".equals(next.getScheme())) {
                throw new ImportException(doing, "refusing a redirect from " + current + " to " + next
                        + ", which leaves HTTPS");
            }
            current = next;
        }
        throw new ImportException(doing, "more than " + MAX_REDIRECTS + " redirects, starting at " + uri);
    }

    private HttpResponse<InputStream> exchange(HttpRequest request, String doing) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + doing);
        } catch (IOException e) {
            throw new ImportException(doing, "could not reach " + request.uri().getScheme() + "://"
                    + request.uri().getAuthority() + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isEmpty()) && cause != null) {
            message = cause.getMessage();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    /** Same scheme, host and effective port: the only place credentials may follow a redirect to. */
    static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equals(u.getScheme()) ? 443 : 80;
    }
}
