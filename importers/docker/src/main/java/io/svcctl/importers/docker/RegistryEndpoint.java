package io.svcctl.importers.docker;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * One registry operation: what to ask for and what to make of a successful answer. {@link RegistryClient} does
 * the HTTP (authentication, redirects, errors), so each operation stays a small class.
 */
interface RegistryEndpoint<T> {
    /** For errors: {@code pulling manifest latest of localhost:5000/x}. */
    String description();

    /** The path under the registry's base URI, e.g. {@code /v2/x/manifests/latest}. */
    String path();

    default List<String> accept() {
        return List.of();
    }

    default Map<String, String> headers() {
        return Map.of();
    }

    /** Handles a 2xx answer; closes the body unless it hands it on. */
    T handle(HttpTransport.Response response) throws IOException;
}
