package io.svcctl.manager.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.svcctl.units.NetworkMode;
import io.svcctl.units.PublishedPort;
import io.svcctl.units.Restart;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to run a service, stored as {@code service.json} in the service's dataset so that it
 * travels with it (a zfs send of the dataset carries the spec).
 *
 * @param imageId  the config digest hex of the image the service was cloned from
 * @param command  the full argv run in the container (entrypoint + cmd, resolved at create time)
 * @param network  HOST shares the host's network; ISOLATED has only loopback, reached through published ports
 * @param uidBase  first host UID of the container's user namespace; null runs without private users
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceSpec(
        String name,
        String imageId,
        String imageReference,
        List<String> command,
        Map<String, String> env,
        String workingDir,
        String user,
        List<PublishedPort> ports,
        List<VolumeSpec> volumes,
        Limits limits,
        Restart restart,
        NetworkMode network,
        Long uidBase,
        String tenant,
        List<String> after) {
    public ServiceSpec {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("service " + name
                    + " has no command: the image sets no Entrypoint or Cmd, so give one after '--'");
        }
        command = List.copyOf(command);
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        workingDir = workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
        user = user == null ? "" : user;
        ports = ports == null ? List.of() : List.copyOf(ports);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        limits = limits == null ? Limits.none() : limits;
        restart = restart == null ? Restart.NO : restart;
        network = network == null ? NetworkMode.HOST : network;
        after = after == null ? List.of() : List.copyOf(after);
        long distinctVolumePaths = volumes.stream().map(VolumeSpec::path).distinct().count();
        if (distinctVolumePaths != volumes.size()) {
            throw new IllegalArgumentException("service " + name + " mounts two volumes at the same path");
        }
    }
}
