package io.svcctl.manager.imports;

import io.svcctl.importers.docker.BlobCache;
import io.svcctl.importers.docker.DownloadListener;
import io.svcctl.importers.docker.ImageSource;
import io.svcctl.importers.docker.ImageSourceSpec;
import io.svcctl.importers.docker.ImageSources;
import io.svcctl.importers.docker.RegistryOptions;
import io.svcctl.manager.Host;
import io.svcctl.manager.store.ImageStore;
import io.svcctl.manager.store.ImportListener;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.Platform;
import java.io.IOException;

/** {@code svcctl import docker}: source → resolved image → cached blobs → image store. */
public final class ImportService {
    /** Layers downloaded at once; Docker's default is 3 too. */
    static final int PARALLEL_DOWNLOADS = 3;

    public interface Listener extends ImportListener, DownloadListener {
        default void resolved(Image image) {
        }
    }

    private final Host host;

    public ImportService(Host host) {
        this.host = host;
    }

    /** @param name another reference to store the image under (e.g. a local name for an archive), or null */
    public ImageStore.ImportResult importDocker(ImageSourceSpec spec, RegistryOptions options, Platform platform,
                                                String name, Listener listener) throws IOException {
        BlobCache cache = new BlobCache(host.mountpoint(host.layout().cache()).resolve("blobs"));
        try (ImageSource source = ImageSources.open(spec, options)) {
            Image resolved = source.resolve(platform);
            Image image = name == null ? resolved : new Image(name, resolved.manifestDigest(), resolved.configDigest(),
                    resolved.rawConfig(), resolved.config(), resolved.layers());
            listener.resolved(image);
            try (CachedLayerBlobs blobs = new CachedLayerBlobs(cache, source.blobs(), listener, PARALLEL_DOWNLOADS)) {
                return host.images().importImage(image, blobs, listener);
            }
        }
    }
}
