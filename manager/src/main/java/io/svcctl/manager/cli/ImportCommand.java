package io.svcctl.manager.cli;

import io.svcctl.importers.docker.Credentials;
import io.svcctl.importers.docker.ImageSourceSpec;
import io.svcctl.importers.docker.ImportException;
import io.svcctl.importers.docker.RegistryOptions;
import io.svcctl.manager.Host;
import io.svcctl.manager.SvcctlException;
import io.svcctl.manager.imports.ImportService;
import io.svcctl.manager.store.ImageStore;
import io.svcctl.rootfs.Platform;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import an image into the store.",
        subcommands = ImportCommand.Docker.class)
final class ImportCommand {
    @Command(name = "docker", mixinStandardHelpOptions = true,
            description = {
                "Import a Docker/OCI image: flatten its layers into a rootfs on ZFS, one snapshot per layer.",
                "Layers shared with an image already present are not applied again (the new image is a clone),",
                "and blobs already downloaded are not downloaded again.",
                "",
                "SOURCE is a Docker image reference or a skopeo-style transport:",
                "  busybox, registry.example.com:5000/team/app:1.2, app@sha256:...   (a registry)",
                "  docker://REF                 a registry, explicitly",
                "  docker-archive:FILE[:REF]    a 'docker save' tarball",
                "  oci:DIR[:TAG]                an OCI image layout",
                "Credentials come from --creds, else from ~/.docker/config.json ($DOCKER_CONFIG)."},
            footer = {"", "Examples:",
                "  svcctl import docker busybox:1.36",
                "  svcctl import docker docker-archive:/tmp/app.tar --name app:latest",
                "  svcctl import docker localhost:5000/app --tls-verify=false --platform linux/arm64"})
    static final class Docker implements Callable<Integer> {
        @Parameters(paramLabel = "SOURCE", description = "What to import (see above).")
        String source;

        @Option(names = "--name", paramLabel = "REF", description = "Also store the image under this reference.")
        String name;

        @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
                description = "Which image of a multi-platform index (default: this host's).")
        String platform;

        @Option(names = "--creds", paramLabel = "USER:PASSWORD", description = "Registry credentials.")
        String creds;

        @Option(names = "--authfile", paramLabel = "FILE", description = "Docker config.json to read credentials from.")
        Path authfile;

        @Option(names = "--tls-verify", arity = "1", defaultValue = "true", paramLabel = "true|false",
                description = "Verify TLS; false also allows plain HTTP (default: ${DEFAULT-VALUE}).")
        boolean tlsVerify;

        @Option(names = "--json", description = "Print the result as JSON (progress still goes to stderr).")
        boolean json;

        @Option(names = {"-q", "--quiet"}, description = "No progress output.")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            ImageSourceSpec spec = ImageSourceSpec.parse(source);
            RegistryOptions options = RegistryOptions.defaults().withTlsVerify(tlsVerify);
            if (creds != null) {
                options = options.withCredentials(Credentials.parse(creds));
            }
            if (authfile != null) {
                options = options.withDockerConfig(Optional.of(authfile));
            }
            Platform wanted = platform == null ? Platform.host() : Platform.parse(platform);
            String alias = name == null ? null : ImageRefs.normalize(name).orElseThrow(
                    () -> new IllegalArgumentException("--name " + name + " is not a valid image reference"));
            try (Host host = Host.local();
                 ImportProgress progress = quiet ? ImportProgress.silent() : ImportProgress.forStderr()) {
                ImageStore.ImportResult result;
                try {
                    result = new ImportService(host).importDocker(spec, options, wanted, alias, progress);
                } catch (ImportException e) {
                    // "no such image" (tag, digest, platform, archive) gets its own exit code; other failures stay 1
                    throw new SvcctlException(e.notFound() ? SvcctlException.Kind.NOT_FOUND : SvcctlException.Kind.FAILED,
                            e.getMessage(), e);
                }
                progress.close();
                Output out = Output.stdout();
                if (json) {
                    out.json(result);
                } else if (result.alreadyPresent()) {
                    out.line("image " + result.image().shortId() + " is present already ("
                            + String.join(", ", result.image().references()) + ")");
                } else {
                    out.line("imported " + result.image().shortId() + " " + String.join(", ", result.image().references())
                            + ": " + result.layersApplied() + " layer(s) applied, " + result.layersShared()
                            + " shared with images present");
                }
                return 0;
            }
        }
    }
}
