package io.svcctl.importers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from Docker's {@code config.json}: {@code auths} entries (base64 {@code user:password} in
 * {@code auth}, or {@code username}/{@code password}). Credential helpers ({@code credHelpers},
 * {@code credsStore}) are not run: a lookup that would need one says which, so the error can name it.
 */
final class DockerConfigFile {
    /** What the file says about one registry. */
    record Lookup(Optional<Credentials> credentials, Optional<String> helper) {
        static final Lookup NONE = new Lookup(Optional.empty(), Optional.empty());
    }

    private final JsonNode root;
    private final String source;

    private DockerConfigFile(JsonNode root, String source) {
        this.root = root;
        this.source = source;
    }

    static DockerConfigFile parse(byte[] bytes, String source) throws ImportException {
        JsonNode root = Json.parse(bytes, "reading Docker credentials from " + source);
        if (!root.isObject()) {
            throw new ImportException("reading Docker credentials from " + source, "it is not a JSON object");
        }
        return new DockerConfigFile(root, source);
    }

    static DockerConfigFile empty() {
        return new DockerConfigFile(Json.MAPPER.createObjectNode(), "nothing");
    }

    /** @param registry the registry as in references: {@code docker.io}, {@code localhost:5000} */
    Lookup lookup(String registry) throws ImportException {
        String doing = "reading Docker credentials for " + registry + " from " + source;
        String helper = Json.text(root.get("credHelpers"), registry);
        if (helper != null) {
            return new Lookup(Optional.empty(), Optional.of(helper));
        }
        JsonNode auths = root.get("auths");
        if (auths != null && auths.isObject()) {
            for (Map.Entry<String, JsonNode> e : auths.properties()) {
                if (registryOfKey(e.getKey()).equals(registry)) {
                    Optional<Credentials> found = credentials(e.getValue(), doing);
                    if (found.isPresent()) {
                        return new Lookup(found, Optional.empty());
                    }
                }
            }
        }
        return new Lookup(Optional.empty(), Optional.ofNullable(Json.text(root, "credsStore")));
    }

    /**
     * Keys are written as {@code host[:port]}, {@code https://host/v1/} or the like: reduce them to the registry.
     * Docker keeps Docker Hub's credentials under {@code https://index.docker.io/v1/}, a relic of the v1 index.
     */
    static String registryOfKey(String key) {
        String k = key;
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
        }
        int slash = k.indexOf('/');
        if (slash >= 0) {
            k = k.substring(0, slash);
        }
        return switch (k) {
            case "index.docker.io", "registry-1.docker.io" -> ImageReference.DOCKER_HUB;
            default -> k;
        };
    }

    private static Optional<Credentials> credentials(JsonNode entry, String doing) throws ImportException {
        String auth = Json.text(entry, "auth");
        String username = Json.text(entry, "username");
        String password = Json.text(entry, "password");
        try {
            if (auth != null && !auth.isEmpty()) {
                String decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
                return Optional.of(Credentials.parse(decoded));
            }
            if (username != null && !username.isEmpty() && password != null) {
                return Optional.of(new Credentials(username, password));
            }
        } catch (IllegalArgumentException e) {
            throw new ImportException(doing, "its 'auth' value is not base64 of USER:PASSWORD");
        }
        return Optional.empty();
    }
}
