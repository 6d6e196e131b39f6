package io.svcctl.importers.docker;

import io.svcctl.rootfs.Digest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Docker image reference, {@code [registry/]repository[:tag][@digest]}, parsed and normalized by Docker's rules:
 * no registry means {@code docker.io}, a one-component name on docker.io gets {@code library/}, and neither tag
 * nor digest means {@code :latest}. Immutable and validated; nothing deeper takes a raw reference string.
 */
public final class ImageReference {
    public static final String DOCKER_HUB = "docker.io";
    /** Where Docker Hub's registry API answers; {@code docker.io} itself does not. */
    static final String DOCKER_HUB_API = "registry-1.docker.io";
    static final String DEFAULT_TAG = "latest";
    private static final int MAX_NAME_LENGTH = 255;

    // Docker's grammar (distribution/reference): lowercase path components joined by '.', '_', '__' or dashes
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN_COMPONENT = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final Pattern IPV6_HOST = Pattern.compile("\\[[a-fA-F0-9:]+\\]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern HEX_ID = Pattern.compile("[a-f0-9]{64}");

    private final String registry;
    private final String repository;
    private final String tag;
    private final Digest digest;

    private ImageReference(String registry, String repository, String tag, Digest digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    /** Parses a reference as {@code docker pull} does. */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(String.valueOf(text), "it is empty");
        }
        if (HEX_ID.matcher(text).matches()) {
            throw invalid(text, "a 64-character hexadecimal string is an image ID, not a repository name");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = parseDigest(text, rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(text, "tag '" + tag + "' is not valid (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-')");
            }
        }
        String registry;
        String repository;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        // Docker's rule: the first component names a registry if it cannot be a repository component
        boolean hasRegistry = slash >= 0 && (first.contains(".") || first.contains(":")
                || first.equals("localhost") || !first.equals(first.toLowerCase(Locale.ROOT)));
        if (hasRegistry) {
            registry = checkRegistry(text, first);
            repository = rest.substring(slash + 1);
        } else {
            registry = DOCKER_HUB;
            repository = rest;
        }
        checkRepository(text, repository);
        if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
            throw invalid(text, "the name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (tag == null && digest == null) {
            tag = DEFAULT_TAG;
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    private static Digest parseDigest(String text, String digest) {
        try {
            return Digest.parse(digest);
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
    }

    private static String checkRegistry(String text, String host) {
        String name = host;
        int portColon = host.startsWith("[") ? host.indexOf("]:") + 1 : host.lastIndexOf(':');
        if (portColon > 0) {
            String port = host.substring(portColon + 1);
            if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
                throw invalid(text, "registry port '" + port + "' is not a port number");
            }
            name = host.substring(0, portColon);
        }
        boolean valid = IPV6_HOST.matcher(name).matches() || isDomainName(name);
        if (!valid) {
            throw invalid(text, "'" + host + "' is not a valid registry host[:port]");
        }
        return normalizeRegistry(host);
    }

    private static boolean isDomainName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (String part : name.split("\\.", -1)) {
            if (!DOMAIN_COMPONENT.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String normalizeRegistry(String host) {
        return host.equals("index.docker.io") ? DOCKER_HUB : host;
    }

    private static void checkRepository(String text, String repository) {
        if (repository.isEmpty()) {
            throw invalid(text, "the repository name is empty");
        }
        if (!repository.equals(repository.toLowerCase(Locale.ROOT))) {
            throw invalid(text, "repository name must be lowercase");
        }
        for (String component : repository.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw invalid(text, "repository component '" + component
                        + "' is not valid (lowercase letters and digits, separated by '.', '_', '__' or '-')");
            }
        }
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("while parsing image reference '" + text + "': " + why
                + " (expected [registry[:port]/]name[:tag][@sha256:digest], e.g. docker.io/library/busybox:1.36)");
    }

    /** The registry as written in references, e.g. {@code docker.io} or {@code localhost:5000}. */
    public String registry() {
        return registry;
    }

    /** Where the registry's HTTP API answers ({@code registry-1.docker.io} for Docker Hub). */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
    }

    /** The repository path inside the registry, e.g. {@code library/busybox}. */
    public String repository() {
        return repository;
    }

    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    public Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }

    /** What to ask the manifests endpoint for: the digest when there is one (it pins the tag), else the tag. */
    public String manifestReference() {
        return digest != null ? digest.toString() : tag;
    }

    /** {@code registry/repository}, without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The fully qualified form, e.g. {@code docker.io/library/busybox:latest}. */
    @Override
    public String toString() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageReference other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
