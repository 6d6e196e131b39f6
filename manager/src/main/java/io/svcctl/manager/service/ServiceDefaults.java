package io.svcctl.manager.service;

import io.svcctl.rootfs.ImageConfig;
import io.svcctl.units.PublishedPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Merges a create request over an image's config, with Docker's rules for what overrides what. Pure. */
public final class ServiceDefaults {
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ServiceDefaults() {
    }

    public static ServiceSpec resolve(CreateRequest req, ImageConfig image, String imageId, String imageReference,
                                      Long uidBase) {
        List<String> entrypoint = req.entrypoint() != null ? req.entrypoint() : image.entrypoint();
        List<String> cmd = !req.args().isEmpty() ? req.args()
                : req.entrypoint() != null ? List.of() : image.cmd();
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(cmd);

        Map<String, String> env = new LinkedHashMap<>();
        for (String e : image.env()) {
            putEnv(env, e, "the image's Env");
        }
        for (String e : req.env()) {
            putEnv(env, e, "--env");
        }

        List<PublishedPort> ports = !req.ports().isEmpty() ? req.ports() : exposedPorts(image);
        return new ServiceSpec(req.name(), imageId, imageReference, command, env,
                req.workingDir() != null ? req.workingDir() : image.workingDir(),
                req.user() != null ? req.user() : image.user(),
                ports, volumes(req.volumes(), image), req.limits(), req.restart(), req.network(), uidBase, req.tenant(),
                req.after());
    }

    static void putEnv(Map<String, String> env, String entry, String origin) {
        int eq = entry.indexOf('=');
        String key = eq < 0 ? entry : entry.substring(0, eq);
        if (!ENV_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(origin + ": '" + key + "' is not a valid environment variable name");
        }
        env.put(key, eq < 0 ? "" : entry.substring(eq + 1));
    }

    /** With the host's network, an exposed port is published as itself. */
    private static List<PublishedPort> exposedPorts(ImageConfig image) {
        return image.exposedPorts().stream().sorted().map(SpecSyntax::port).toList();
    }

    /** Image VOLUMEs the user did not cover get a volume named after their path, seeded as Docker does. */
    private static List<VolumeSpec> volumes(List<VolumeSpec> requested, ImageConfig image) {
        List<VolumeSpec> all = new ArrayList<>(requested);
        for (String path : image.volumes().stream().sorted().toList()) {
            String normalized = ContainerPath.normalize(path, "image volume");
            boolean covered = requested.stream().anyMatch(v -> v.path().equals(normalized));
            if (!covered) {
                String name = normalized.substring(1).replace('/', '-').toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^a-z0-9_.-]", "_");
                all.add(new VolumeSpec(name, normalized, true));
            }
        }
        return all;
    }
}
