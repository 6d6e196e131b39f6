package io.svcctl.manager.store;

import java.time.Instant;
import java.util.List;

/**
 * An image in the store, as {@code svcctl images} shows it. Read from the image dataset's user properties,
 * so listing needs no mount.
 *
 * @param origin the layer snapshot of another image this one was cloned from, if any
 */
public record ImageRecord(String id, List<String> references, String manifestDigest, String platform,
                          int layers, Instant created, long usedBytes, long referencedBytes, String origin) {
    public String shortId() {
        return id.substring(0, 12);
    }
}
