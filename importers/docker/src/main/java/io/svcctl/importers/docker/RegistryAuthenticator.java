package io.svcctl.importers.docker;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides the Authorization header for registry requests: none until the registry challenges, then Basic
 * credentials or a bearer token per scope (cached until shortly before it expires).
 */
final class RegistryAuthenticator {
    private record Cached(String token, Instant expires) {
    }

    private final TokenFetcher tokens;
    private final Optional<Credentials> credentials;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile AuthChallenge challenge;

    RegistryAuthenticator(TokenFetcher tokens, Optional<Credentials> credentials, Clock clock) {
        this.tokens = tokens;
        this.credentials = credentials;
        this.clock = clock;
    }

    boolean hasCredentials() {
        return credentials.isPresent();
    }

    /** The header value to send for {@code scope}, or null while the registry has not asked for any. */
    String authorization(String scope) throws IOException {
        AuthChallenge c = challenge;
        if (c == null) {
            return null;
        }
        if (c.scheme().equals("basic")) {
            return credentials.map(Credentials::basicAuthorization).orElse(null);
        }
        String realm = c.param("realm").orElseThrow(() -> new ImportException("authenticating to the registry",
                "its Bearer challenge names no realm"));
        String service = c.param("service").orElse(null);
        String key = realm + " " + service + " " + scope;
        Cached cached = cache.get(key);
        if (cached != null && clock.instant().isBefore(cached.expires())) {
            return "Bearer " + cached.token();
        }
        TokenFetcher.Token token = tokens.fetch(realm, service, scope, credentials.orElse(null));
        // renew a little early: the token must still be good when the request arrives
        Duration margin = token.lifetime().dividedBy(10);
        cache.put(key, new Cached(token.value(), clock.instant().plus(token.lifetime()).minus(margin)));
        return "Bearer " + token.value();
    }

    /**
     * Learns from a 401 (or a ping's 401). True when a retry can do better than the request just made: the
     * challenge is new, or a cached token may have gone stale.
     */
    boolean challenged(List<String> wwwAuthenticate, String sentAuthorization) {
        Optional<AuthChallenge> chosen = choose(wwwAuthenticate);
        if (chosen.isEmpty()) {
            return false;
        }
        AuthChallenge previous = challenge;
        challenge = chosen.get();
        if (sentAuthorization == null) {
            return chosen.get().scheme().equals("bearer") || credentials.isPresent();
        }
        if (sentAuthorization.startsWith("Bearer ")) {
            boolean dropped = cache.values().removeIf(c -> sentAuthorization.equals("Bearer " + c.token()));
            return dropped || !chosen.get().equals(previous);
        }
        return !chosen.get().equals(previous);
    }

    /** Bearer is preferred over Basic when a registry offers both; other schemes are not spoken. */
    static Optional<AuthChallenge> choose(List<String> headers) {
        AuthChallenge basic = null;
        for (String header : headers) {
            List<AuthChallenge> parsed;
            try {
                parsed = AuthChallenge.parse(header);
            } catch (IllegalArgumentException e) {
                continue; // a malformed challenge is as good as none; the 401 is reported as it is
            }
            for (AuthChallenge c : parsed) {
                if (c.scheme().equals("bearer")) {
                    return Optional.of(c);
                }
                if (c.scheme().equals("basic") && basic == null) {
                    basic = c;
                }
            }
        }
        return Optional.ofNullable(basic);
    }
}
