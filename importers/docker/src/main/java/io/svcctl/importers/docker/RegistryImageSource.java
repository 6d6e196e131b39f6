package io.svcctl.importers.docker;

import io.svcctl.rootfs.BlobSource;
import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.Platform;
import java.io.IOException;
import java.io.InputStream;

/** An image in a registry, read through the HTTP API v2. */
final class RegistryImageSource implements ImageSource, BlobSource, ManifestResolver.Store {
    private final ImageReference reference;
    private final RegistryClient client;

    RegistryImageSource(ImageReference reference, RegistryClient client) {
        this.reference = reference;
        this.client = client;
    }

    @Override
    public Image resolve(Platform platform) throws IOException {
        ManifestResolver.Fetched top = client.call(new ManifestPuller(client.registry(), client.repository(),
                reference.manifestReference()));
        return ManifestResolver.resolve(reference.toString(), top, platform, this);
    }

    @Override
    public ManifestResolver.Fetched manifest(Descriptor descriptor) throws IOException {
        ManifestResolver.checkSmall(descriptor, ManifestResolver.MAX_MANIFEST_BYTES, "pulling manifest "
                + descriptor.digest() + " of " + reference);
        return client.call(new ManifestPuller(client.registry(), client.repository(), descriptor.digest().toString()));
    }

    @Override
    public byte[] config(Descriptor descriptor) throws IOException {
        String doing = "pulling the image config of " + reference;
        ManifestResolver.checkSmall(descriptor, ManifestResolver.MAX_CONFIG_BYTES, doing);
        try (InputStream in = open(descriptor, 0)) {
            // one byte more than declared is enough to tell the verifier the size is wrong
            return RegistryClient.readBounded(in, descriptor.size() + 1, doing);
        }
    }

    @Override
    public BlobSource blobs() {
        return this;
    }

    @Override
    public InputStream open(Descriptor blob, long offset) throws IOException {
        return client.call(new BlobPuller(client.registry(), client.repository(), blob, offset));
    }

    @Override
    public void close() {
        // the JDK closes the kept-alive connections itself once they idle
    }
}
