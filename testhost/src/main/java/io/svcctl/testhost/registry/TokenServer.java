package io.svcctl.testhost.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.svcctl.exec.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A small token server for a registry configured with {@code auth: token}: Docker's token protocol, RS256 JWTs
 * whose {@code kid} names the signing certificate the registry trusts (its {@code rootcertbundle}). One user
 * gets whatever access they ask for; anonymous requests get a token that grants nothing.
 */
public final class TokenServer implements AutoCloseable {
    private static final long LIFETIME_SECONDS = 300;

    private final HttpServer server;
    private final PrivateKey key;
    private final String keyId;
    private final Path certificate;
    private final String service;
    private final String issuer = "svcctl-test-token-issuer";
    private final String expectedAuthorization;
    private final AtomicInteger issued = new AtomicInteger();

    private TokenServer(HttpServer server, PrivateKey key, String keyId, Path certificate, String service,
                        String user, String password) {
        this.server = server;
        this.key = key;
        this.keyId = keyId;
        this.certificate = certificate;
        this.service = service;
        this.expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Starts on {@code host} with a free port; the signing key and certificate are made in {@code dir}. */
    public static TokenServer start(CommandRunner runner, Path dir, String host, String service, String user,
                                    String password) throws IOException {
        Tools.require("openssl", "openssl");
        Files.createDirectories(dir);
        Path keyFile = dir.resolve("token.key");
        Path certFile = dir.resolve("token.crt");
        Tools.run(runner, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile.toString(),
                "-out", certFile.toString(), "-days", "7", "-subj", "/CN=svcctl test token signer");
        PrivateKey key;
        PublicKey publicKey;
        try (InputStream in = Files.newInputStream(certFile)) {
            publicKey = CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey();
            String pem = Files.readString(keyFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (GeneralSecurityException e) {
            throw new IOException("while loading the token signing key made by openssl: " + e.getMessage(), e);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(host, 0), 16);
        TokenServer tokens = new TokenServer(server, key, libtrustKeyId(publicKey), certFile, service, user, password);
        server.createContext("/token", tokens::handle);
        server.start();
        return tokens;
    }

    /**
     * The key id the registry computes for a trusted certificate (docker/libtrust): base32 of the first 240
     * bits of the SHA-256 of the DER public key, in groups of four joined by ':'.
     */
    static String libtrustKeyId(PublicKey publicKey) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String b32 = base32(Arrays.copyOf(hash, 30));
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < b32.length(); i += 4) {
            groups.add(b32.substring(i, Math.min(b32.length(), i + 4)));
        }
        return String.join(":", groups);
    }

    private static String base32(byte[] data) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && !authorization.equals(expectedAuthorization)) {
                respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
                return;
            }
            List<String> scopes = new ArrayList<>();
            String query = exchange.getRequestURI().getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                if (pair.startsWith("scope=")) {
                    scopes.add(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
                }
            }
            String subject = authorization == null ? "" : "user";
            String access = authorization == null ? "" : scopes.stream().map(TokenServer::accessEntry)
                    .filter(entry -> !entry.isEmpty()).collect(Collectors.joining(","));
            String token = sign(subject, access);
            issued.incrementAndGet();
            respond(exchange, 200, "{\"token\":\"" + token + "\",\"access_token\":\"" + token + "\",\"expires_in\":"
                    + LIFETIME_SECONDS + ",\"issued_at\":\"" + Instant.now() + "\"}");
        }
    }

    /** {@code repository:name:pull,push} as a JWT access claim entry. */
    private static String accessEntry(String scope) {
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        if (first < 0 || last == first) {
            return "";
        }
        String actions = Arrays.stream(scope.substring(last + 1).split(","))
                .map(a -> "\"" + jsonEscape(a) + "\"").collect(Collectors.joining(","));
        return "{\"type\":\"" + jsonEscape(scope.substring(0, first)) + "\",\"name\":\""
                + jsonEscape(scope.substring(first + 1, last)) + "\",\"actions\":[" + actions + "]}";
    }

    private String sign(String subject, String access) throws IOException {
        long now = Instant.now().getEpochSecond();
        String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"" + keyId + "\"}";
        String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + jsonEscape(service)
                + "\",\"exp\":" + (now + LIFETIME_SECONDS) + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now
                + ",\"jti\":\"" + UUID.randomUUID() + "\",\"access\":[" + access + "]}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IOException("while signing a test token: " + e.getMessage(), e);
        }
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Where clients fetch tokens; the registry's challenge names it. */
    public String realm() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/token";
    }

    public String service() {
        return service;
    }

    public String issuer() {
        return issuer;
    }

    /** The certificate whose key signs the tokens: the registry's {@code rootcertbundle}. */
    public Path certificate() {
        return certificate;
    }

    /** How many tokens were handed out so far. */
    public int tokensIssued() {
        return issued.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
