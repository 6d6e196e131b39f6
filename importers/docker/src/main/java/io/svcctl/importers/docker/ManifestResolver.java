package io.svcctl.importers.docker;

import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Digest;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.Platform;
import java.io.IOException;

/**
 * The walk shared by registries and OCI layouts: manifest or index, then (for an index) the platform's manifest,
 * then the config, each verified against the descriptor that named it.
 */
final class ManifestResolver {
    /** Indexes may nest; real ones are one level deep. The bound stops a cycle of indexes. */
    private static final int MAX_DEPTH = 4;
    /** Manifests and configs are held in memory: bound them (containerd allows 4 MiB manifests). */
    static final long MAX_MANIFEST_BYTES = 4L << 20;
    static final long MAX_CONFIG_BYTES = 32L << 20;

    /** A manifest as a source served it. */
    record Fetched(byte[] bytes, String contentType, Digest digest) {
    }

    /** Reads manifests and configs out of one source. */
    interface Store {
        /** The manifest named by {@code descriptor} (unverified; the resolver checks it). */
        Fetched manifest(Descriptor descriptor) throws IOException;

        /** The config blob named by {@code descriptor} (unverified; the resolver checks it). */
        byte[] config(Descriptor descriptor) throws IOException;
    }

    private ManifestResolver() {
    }

    /** Refuses to hold a manifest or config in memory whose descriptor declares more than {@code limit}. */
    static void checkSmall(Descriptor descriptor, long limit, String doing) throws ImportException {
        if (descriptor.size() > limit) {
            throw new ImportException(doing, descriptor.digest() + " declares " + descriptor.size()
                    + " bytes, more than the " + limit + " a manifest or config may have");
        }
    }

    /**
     * @param reference what the user asked for, normalized; names the image in errors and in the result
     * @param top       the manifest the reference points at
     */
    static Image resolve(String reference, Fetched top, Platform platform, Store store) throws IOException {
        Fetched current = top;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Manifest manifest = ManifestParser.parse(current.bytes(), current.contentType(), "manifest " + current.digest()
                    + " of " + reference);
            if (manifest instanceof Manifest.ImageManifest image) {
                byte[] config = store.config(image.config());
                return ImageAssembler.assemble(reference, current.digest(), image, config);
            }
            Manifest.Entry entry = PlatformSelector.select((Manifest.Index) manifest, platform, "image index of " + reference);
            Fetched child = store.manifest(entry.descriptor());
            ImageAssembler.verify(entry.descriptor(), child.bytes(), "reading manifest " + entry.descriptor().digest()
                    + " (" + entry.platform().map(Platform::toString).orElse("") + ") of " + reference);
            current = new Fetched(child.bytes(), child.contentType(), entry.descriptor().digest());
        }
        throw new ImportException("resolving " + reference, "image indexes nest deeper than " + MAX_DEPTH + " levels");
    }
}
