package io.svcctl.importers.docker;

import io.svcctl.rootfs.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET /v2/NAME/blobs/DIGEST from a byte offset on (HTTP Range), for resuming. A server that ignores the Range
 * and sends the whole blob is skipped forward. The stream is raw: the caller verifies it.
 */
final class BlobPuller implements RegistryEndpoint<InputStream> {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");

    private final String repository;
    private final Descriptor blob;
    private final long offset;
    private final String description;

    BlobPuller(String registry, String repository, Descriptor blob, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        this.repository = repository;
        this.blob = blob;
        this.offset = offset;
        this.description = "pulling blob " + blob.digest() + " of " + registry + "/" + repository
                + (offset > 0 ? " from byte " + offset : "");
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String path() {
        return "/v2/" + repository + "/blobs/" + blob.digest();
    }

    @Override
    public Map<String, String> headers() {
        return offset > 0 ? Map.of("Range", "bytes=" + offset + "-") : Map.of();
    }

    @Override
    public InputStream handle(HttpTransport.Response response) throws IOException {
        InputStream body = response.body();
        if (offset == 0) {
            return body;
        }
        if (response.statusCode() == 206) {
            String range = response.headers().firstValue("Content-Range").orElse("");
            Matcher m = CONTENT_RANGE.matcher(range);
            if (!m.matches() || Long.parseLong(m.group(1)) != offset) {
                body.close();
                throw new ImportException(description, "the server answered with range '" + range
                        + "', not one starting at byte " + offset);
            }
            return body;
        }
        body.skipNBytes(offset); // a 200: the server sent the whole blob

        return body;
    }
}
