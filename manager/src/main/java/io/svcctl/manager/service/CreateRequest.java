package io.svcctl.manager.service;

import io.svcctl.units.NetworkMode;
import io.svcctl.units.PublishedPort;
import io.svcctl.units.Restart;
import java.util.List;

/**
 * What the user asked for in {@code svcctl create}; null or empty means "the image's default".
 *
 * @param entrypoint replaces the image's Entrypoint (and, as in Docker, drops its Cmd unless args are given)
 * @param args       replaces the image's Cmd
 * @param env        {@code KEY=VALUE} entries layered over the image's Env
 */
public record CreateRequest(
        String name,
        String image,
        List<String> entrypoint,
        List<String> args,
        List<String> env,
        String workingDir,
        String user,
        List<PublishedPort> ports,
        List<VolumeSpec> volumes,
        Limits limits,
        Restart restart,
        NetworkMode network,
        String tenant,
        List<String> after) {
    public CreateRequest {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
        ports = ports == null ? List.of() : List.copyOf(ports);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        after = after == null ? List.of() : List.copyOf(after);
    }
}
