package io.svcctl.importers.docker;

import io.svcctl.rootfs.Digest;
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
     * Gets an import's hot paths ready on another thread while the command line is parsed. SHA-256 first: the JIT
     * runs it as the CPU's SHA instructions only once C2 has compiled it, so a little hashing now, with the
     * thresholds bin/svcctl lowers for it, spares the downloads their first megabytes in slow code (~0.1 s of CPU
     * per import). Then the TLS client (~0.1 s of a fresh JVM, which the first request to a registry would wait
     * for; with {@code --tls-verify=false} that is an HTTPS attempt too).
     *
     * @param verify whether certificates will be verified, so the system trust store is wanted (a guess made
     *               before the command line is parsed costs time when wrong, nothing else)
     */
    public static void prepare(boolean verify) {
        Thread thread = new Thread(() -> {
            Digest.newSha256().update(new byte[64 * 1024]);
            RegistryTls.prepare(verify);
        }, "svcctl-import-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
