package io.svcctl.importers.docker;

import java.io.IOException;

/** Opens the {@link ImageSource} a spec names. */
public final class ImageSources {
    private ImageSources() {
    }

    /** @param options used for registries; archives and layouts ignore them */
    public static ImageSource open(ImageSourceSpec spec, RegistryOptions options) throws IOException {
        if (spec instanceof ImageSourceSpec.Registry r) {
            return new RegistryImageSource(r.reference(), RegistryClient.create(r.reference(), options));
        }
        if (spec instanceof ImageSourceSpec.DockerArchive a) {
            return DockerArchiveSource.open(a);
        }
        return new OciLayoutSource((ImageSourceSpec.OciLayout) spec);
    }

    /**
     * Loads and sets up the TLS client on another thread (a cold JVM takes ~0.1 s for it, which the first
     * request to a registry would wait for; with {@code --tls-verify=false} that is an HTTPS attempt too).
     *
     * @param verify whether certificates will be verified, so the system trust store is wanted (a guess made
     *               before the command line is parsed costs time when wrong, nothing else)
     */
    public static void prepare(boolean verify) {
        RegistryTls.warmUp(verify);
    }
}
