package io.svcctl.importers.docker;

import io.svcctl.rootfs.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** GET /v2/NAME/manifests/REFERENCE: a manifest or index by tag or digest; a digest request is verified. */
final class ManifestPuller implements RegistryEndpoint<ManifestResolver.Fetched> {
    private final String repository;
    private final String reference;
    private final Optional<Digest> expected;
    private final String description;

    /** @param reference a tag, or a digest (then the bytes must hash to it) */
    ManifestPuller(String registry, String repository, String reference) {
        this.repository = repository;
        this.reference = reference;
        this.expected = reference.contains(":") ? Optional.of(Digest.parse(reference)) : Optional.empty();
        this.description = "pulling manifest " + reference + " of " + registry + "/" + repository;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String path() {
        return "/v2/" + repository + "/manifests/" + reference;
    }

    @Override
    public List<String> accept() {
        return MediaTypes.MANIFEST_ACCEPT;
    }

    @Override
    public ManifestResolver.Fetched handle(HttpTransport.Response response) throws IOException {
        byte[] body;
        try (InputStream in = response.body()) {
            body = RegistryClient.readBounded(in, ManifestResolver.MAX_MANIFEST_BYTES, description);
        }
        Digest actual = ImageAssembler.digestOf(body, expected.orElse(Digest.sha256(new byte[0])));
        if (expected.isPresent() && !actual.equals(expected.get())) {
            throw new ImportException(description, "the registry served a manifest with digest " + actual
                    + " for " + expected.get());
        }
        return new ManifestResolver.Fetched(body, response.headers().firstValue("Content-Type").orElse(null), actual);
    }
}
