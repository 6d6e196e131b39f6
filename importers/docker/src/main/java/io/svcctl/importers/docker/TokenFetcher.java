package io.svcctl.importers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Fetches a bearer token from the realm a registry's challenge names (Docker's token protocol): GET
 * {@code realm?service=S&scope=repository:NAME:pull}, with Basic credentials when there are any.
 */
final class TokenFetcher {
    /** Docker's token spec: a token without expires_in lives 60 seconds. */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    private static final long MAX_TOKEN_RESPONSE = 1 << 20;

    /** A token and how long it is good for. */
    record Token(String value, Duration lifetime) {
    }

    private final HttpTransport transport;

    TokenFetcher(HttpTransport transport) {
        this.transport = transport;
    }

    static URI tokenUri(String realm, String service, String scope) {
        StringBuilder query = new StringBuilder();
        if (service != null) {
            query.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8));
        }
        if (scope != null) {
            query.append(query.length() == 0 ? "" : "&").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        String separator = realm.contains("?") ? "&" : "?";
        return URI.create(query.length() == 0 ? realm : realm + separator + query);
    }

    Token fetch(String realm, String service, String scope, Credentials credentials) throws IOException {
        String doing = "getting a token for " + scope + " from " + realm;
        URI uri;
        try {
            uri = tokenUri(realm, service, scope);
        } catch (IllegalArgumentException e) {
            throw new ImportException(doing, "the registry named a realm that is not a URI");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new ImportException(doing, "the realm is not an http(s) URL");
        }
        HttpTransport.Response response = transport.get(uri, Map.of("Accept", "application/json"),
                credentials == null ? null : credentials.basicAuthorization(), doing);
        byte[] body;
        try (InputStream in = response.body()) {
            body = RegistryClient.readBounded(in, MAX_TOKEN_RESPONSE, doing);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new RegistryException(doing, response.statusCode(), credentials == null
                    ? "the token server wants credentials (pass --creds USER:PASSWORD)"
                    : "the token server refused the credentials for user " + credentials.username());
        }
        if (response.statusCode() != 200) {
            throw new RegistryException(doing, response.statusCode(), "the token server answered "
                    + response.statusCode() + ": " + RegistryClient.snippet(body));
        }
        return parse(body, doing);
    }

    static Token parse(byte[] body, String doing) throws ImportException {
        JsonNode json = Json.parse(body, doing);
        String token = Json.text(json, "token");
        if (token == null || token.isEmpty()) {
            token = Json.text(json, "access_token");
        }
        if (token == null || token.isEmpty()) {
            throw new ImportException(doing, "the token server's answer holds no token");
        }
        JsonNode expires = json.get("expires_in");
        Duration lifetime = expires != null && expires.canConvertToLong() && expires.asLong() > 0
                ? Duration.ofSeconds(expires.asLong()) : DEFAULT_LIFETIME;
        return new Token(token, lifetime);
    }
}
