package io.svcctl.rootfs;

import java.util.ArrayList;
import java.util.List;

/**
 * A resolved image, the same whatever its source: identity, run-time config, and layers bottom first.
 *
 * @param reference      what the user asked for, normalized (e.g. {@code docker.io/library/busybox:latest})
 * @param manifestDigest the digest of the manifest the layers came from
 * @param configDigest   the digest of the config blob; the image's identity (Docker's image ID)
 * @param rawConfig      the config blob, kept byte for byte with the image
 */
public record Image(String reference, Digest manifestDigest, Digest configDigest, byte[] rawConfig,
                    ImageConfig config, List<Layer> layers) {
    public Image {
        layers = List.copyOf(layers);
    }

    /** Chain ids as OCI defines them: {@code chain(1) = diffId(1)}, {@code chain(n) = sha256(chain(n-1) + " " + diffId(n))}. */
    public List<Digest> chainIds() {
        List<Digest> chain = new ArrayList<>(layers.size());
        Digest previous = null;
        for (Layer layer : layers) {
            previous = previous == null ? layer.diffId()
                    : Digest.sha256((previous + " " + layer.diffId()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            chain.add(previous);
        }
        return chain;
    }
}
