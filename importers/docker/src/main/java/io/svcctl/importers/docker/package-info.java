/**
 * Docker and OCI images from registries, {@code docker save} archives and OCI layouts.
 *
 * <p>The public surface: parse what the user typed with {@link io.svcctl.importers.docker.ImageSourceSpec#parse}
 * (or {@link io.svcctl.importers.docker.ImageReference#parse}), open it with
 * {@link io.svcctl.importers.docker.ImageSources#open} and {@link io.svcctl.importers.docker.RegistryOptions},
 * {@link io.svcctl.importers.docker.ImageSource#resolve} it to an {@link io.svcctl.rootfs.Image}, then fetch its
 * layers into a {@link io.svcctl.importers.docker.BlobCache} (in parallel with
 * {@link io.svcctl.importers.docker.LayerDownloader}), watching {@link io.svcctl.importers.docker.DownloadListener}
 * events. Failures are {@link io.svcctl.importers.docker.ImportException}s whose messages say what was being done.
 *
 * <p>Inside, one class per registry operation ({@link io.svcctl.importers.docker.ManifestPuller},
 * {@link io.svcctl.importers.docker.BlobPuller}) runs through {@link io.svcctl.importers.docker.RegistryClient},
 * which owns authentication and error mapping; {@link io.svcctl.importers.docker.HttpTransport} is the one place
 * HTTP is spoken and follows redirects by hand, keeping credentials on their origin.
 */
package io.svcctl.importers.docker;
