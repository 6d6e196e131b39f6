package io.svcctl.importers.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Every HTTP exchange with registries and token servers goes through here. Redirects are followed by hand, so that
 * credentials go to the origin they were meant for only (registries redirect blob downloads to object storage).
 *
 * <p>It speaks HTTP with {@link HttpURLConnection}, not JDK 17's {@code HttpClient}: in a fresh JVM, which every
 * {@code svcctl import} is, the HttpClient took ~0.3 s longer to set up and make its first requests and read
 * blobs at ~70 MB/s where the plain blocking connection is several times faster (a cold-JVM check of three
 * parallel 16 MiB downloads: 1.1–1.6 s against 0.7–0.9 s, same run). Connections are kept alive by the JDK.
 */
final class HttpTransport {
    private static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** A response: status, headers, and the body, which the caller reads and closes. */
    record Response(int statusCode, HttpHeaders headers, InputStream body) {
    }

    static {
        HttpsURLConnection.setDefaultSSLSocketFactory(new UnusedDefault());
    }

    private final SSLSocketFactory tls;
    private final int timeoutMillis;

    private HttpTransport(SSLSocketFactory tls, Duration timeout) {
        this.tls = tls;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** @param timeout for connecting, and for each read: a stalled transfer fails after it */
    static HttpTransport create(SSLContext tls, Duration timeout) {
        return new HttpTransport(tls.getSocketFactory(), timeout);
    }

    /**
     * Sends a GET, following redirects. The caller closes the body of the response it gets.
     *
     * @param authorization sent to {@code uri}'s origin (scheme, host and port) only; null for none
     * @param doing         for errors, e.g. {@code pulling manifest latest of localhost:5000/x}
     */
    Response get(URI uri, Map<String, String> headers, String authorization, String doing) throws IOException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Map<String, String> sent = new LinkedHashMap<>(headers);
            if (authorization != null && sameOrigin(uri, current)) {
                sent.put("Authorization", authorization);
            }
            Response response = exchange(current, sent, doing);
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

    private Response exchange(URI uri, Map<String, String> headers, String doing) throws IOException {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            if (connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(tls); // host names are checked by the trust manager (see RegistryTls)
            }
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(timeoutMillis);
            connection.setReadTimeout(timeoutMillis);
            headers.forEach(connection::setRequestProperty);
            int status = connection.getResponseCode();
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            Map<String, List<String>> fields = new LinkedHashMap<>();
            connection.getHeaderFields().forEach((name, values) -> {
                if (name != null) { // the status line
                    fields.put(name, values);
                }
            });
            return new Response(status, HttpHeaders.of(fields, (name, value) -> true),
                    body == null ? InputStream.nullInputStream() : body);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new ImportException(doing, "could not reach " + uri.getScheme() + "://" + uri.getAuthority() + ": "
                    + describe(e), e);
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

    /**
     * Stands in for the JDK's default factory, which every {@link HttpsURLConnection} asks for when it is made,
     * before {@link #exchange} gives it the registry's own. Making the JDK's default loads the system trust store
     * and sets up a context nobody uses: ~0.05 s of a fresh JVM, which with {@code --tls-verify=false} is all
     * waste. Nothing connects with this one.
     */
    private static final class UnusedDefault extends SSLSocketFactory {
        private static IllegalStateException unused() {
            return new IllegalStateException("every registry connection has its own TLS socket factory");
        }

        @Override
        public String[] getDefaultCipherSuites() {
            throw unused();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            throw unused();
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) {
            throw unused();
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw unused();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw unused();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw unused();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw unused();
        }
    }
}
