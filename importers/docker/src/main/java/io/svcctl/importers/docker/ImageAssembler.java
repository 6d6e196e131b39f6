package io.svcctl.importers.docker;

import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Digest;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.Layer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** Joins a manifest and its config into an {@link Image}, after checking that they belong together. */
final class ImageAssembler {
    private ImageAssembler() {
    }

    /**
     * @param reference      the normalized reference or source the image was asked for
     * @param manifestDigest digest of the manifest bytes
     * @param rawConfig      the config blob as fetched; checked against the manifest's config descriptor
     */
    static Image assemble(String reference, Digest manifestDigest, Manifest.ImageManifest manifest, byte[] rawConfig)
            throws ImportException {
        Descriptor configDescriptor = manifest.config();
        verify(configDescriptor, rawConfig, "reading the image config of " + reference);
        ConfigParser.ParsedConfig parsed = ConfigParser.parse(rawConfig, reference);
        List<Descriptor> blobs = manifest.layers();
        if (blobs.size() != parsed.diffIds().size()) {
            throw new ImportException("matching the layers of " + reference + " to its config",
                    "the manifest lists " + blobs.size() + " layers but the config has "
                            + parsed.diffIds().size() + " diff ids; the image is corrupt");
        }
        List<Layer> layers = new ArrayList<>(blobs.size());
        for (int i = 0; i < blobs.size(); i++) {
            layers.add(new Layer(blobs.get(i), parsed.diffIds().get(i)));
        }
        return new Image(reference, manifestDigest, configDescriptor.digest(), rawConfig, parsed.config(), layers);
    }

    /** Checks a small blob held in memory (a manifest or config) against its descriptor. */
    static void verify(Descriptor expected, byte[] bytes, String doing) throws ImportException {
        if (bytes.length != expected.size()) {
            throw new ImportException(doing, "it is " + bytes.length + " bytes but its descriptor says "
                    + expected.size());
        }
        Digest actual = digestOf(bytes, expected.digest());
        if (!actual.equals(expected.digest())) {
            throw new ImportException(doing, "its content has digest " + actual + " but it was named "
                    + expected.digest() + "; the source served other bytes than it promised");
        }
    }

    /** The digest of {@code bytes} in the algorithm of {@code like}. */
    static Digest digestOf(byte[] bytes, Digest like) {
        MessageDigest md = like.newMessageDigest();
        md.update(bytes);
        return Digest.of(md);
    }
}
