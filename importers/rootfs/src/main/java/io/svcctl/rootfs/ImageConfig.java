package io.svcctl.rootfs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run-time defaults an image carries, whatever its format (OCI/Docker config or ACI manifest):
 * a service spec starts from these.
 */
public record ImageConfig(
        Platform platform,
        List<String> entrypoint,
        List<String> cmd,
        List<String> env,
        String workingDir,
        String user,
        Set<String> exposedPorts,
        Set<String> volumes,
        Map<String, String> labels) {
    public ImageConfig {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
        exposedPorts = exposedPorts == null ? Set.of() : Set.copyOf(exposedPorts);
        volumes = volumes == null ? Set.of() : Set.copyOf(volumes);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
