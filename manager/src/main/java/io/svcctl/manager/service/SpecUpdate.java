package io.svcctl.manager.service;

import io.svcctl.units.NetworkMode;
import io.svcctl.units.PublishedPort;
import io.svcctl.units.Restart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The changes {@code svcctl update} asks for, applied to a stored spec. Pure: {@link #apply} yields the new spec or
 * refuses, and {@link #addedVolumes} says what an edited spec needs created and refuses what it cannot change.
 *
 * @param setEnv     {@code KEY=VALUE} entries set over the current env
 * @param unsetEnv   keys to remove
 * @param publish    ports to publish; one with the same host port and protocol as a current one replaces it
 * @param unpublish  ports to stop publishing, matched by host port and protocol
 * @param addVolumes new volumes (their datasets are created)
 * @param restart    null keeps the policy
 * @param network    null keeps the mode
 */
public record SpecUpdate(List<String> setEnv, List<String> unsetEnv, List<PublishedPort> publish,
                         List<PublishedPort> unpublish, List<VolumeSpec> addVolumes, Change<Long> memory,
                         Change<Double> cpus, Change<Long> tasks, Restart restart, NetworkMode network) {
    public SpecUpdate {
        setEnv = List.copyOf(setEnv);
        unsetEnv = List.copyOf(unsetEnv);
        publish = List.copyOf(publish);
        unpublish = List.copyOf(unpublish);
        addVolumes = List.copyOf(addVolumes);
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(cpus, "cpus");
        Objects.requireNonNull(tasks, "tasks");
    }

    public boolean isEmpty() {
        return setEnv.isEmpty() && unsetEnv.isEmpty() && publish.isEmpty() && unpublish.isEmpty()
                && addVolumes.isEmpty() && memory.unchanged() && cpus.unchanged() && tasks.unchanged() && restart == null
                && network == null;
    }

    public ServiceSpec apply(ServiceSpec s) {
        Map<String, String> env = new LinkedHashMap<>(s.env());
        for (String key : unsetEnv) {
            if (env.remove(key) == null) {
                throw new IllegalArgumentException("service " + s.name() + " has no variable " + key + " to unset"
                        + " (its env: " + String.join(", ", s.env().keySet()) + ")");
            }
        }
        for (String e : setEnv) {
            ServiceDefaults.putEnv(env, e, "--env");
        }

        List<PublishedPort> ports = new ArrayList<>(s.ports());
        for (PublishedPort p : unpublish) {
            if (!ports.removeIf(q -> sameHostPort(p, q))) {
                throw new IllegalArgumentException("service " + s.name() + " does not publish host port "
                        + p.hostPort() + "/" + p.protocol().word());
            }
        }
        for (PublishedPort p : publish) {
            ports.removeIf(q -> sameHostPort(p, q));
            ports.add(p);
        }

        List<VolumeSpec> volumes = new ArrayList<>(s.volumes());
        for (VolumeSpec v : addVolumes) {
            if (volumes.stream().anyMatch(w -> w.name().equals(v.name()))) {
                throw new IllegalArgumentException("service " + s.name() + " has a volume " + v.name() + " already");
            }
            volumes.add(v);
        }

        Limits limits = new Limits(memory.apply(s.limits().memoryBytes()), cpus.apply(s.limits().cpus()),
                tasks.apply(s.limits().tasks()));
        return new ServiceSpec(s.name(), s.imageId(), s.imageReference(), s.command(), env, s.workingDir(), s.user(),
                ports, volumes, limits, restart != null ? restart : s.restart(),
                network != null ? network : s.network(), s.uidBase(), s.tenant(), s.after());
    }

    private static boolean sameHostPort(PublishedPort a, PublishedPort b) {
        return a.hostPort() == b.hostPort() && a.protocol() == b.protocol();
    }

    /**
     * What an edited spec needs created: its new volumes. Refuses changing what the dataset itself is (name, image,
     * user-id range, tenant) and dropping or moving a volume, whose data would be stranded.
     */
    public static List<VolumeSpec> addedVolumes(ServiceSpec before, ServiceSpec after) {
        same(before.name(), after.name(), "name", before);
        same(before.imageId(), after.imageId(), "imageId", before);
        same(before.uidBase(), after.uidBase(), "uidBase", before);
        same(before.tenant(), after.tenant(), "tenant", before);
        List<VolumeSpec> added = new ArrayList<>();
        for (VolumeSpec v : after.volumes()) {
            if (before.volumes().stream().noneMatch(w -> w.name().equals(v.name()))) {
                added.add(v);
            }
        }
        for (VolumeSpec v : before.volumes()) {
            VolumeSpec now = after.volumes().stream().filter(w -> w.name().equals(v.name())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("volume " + v.name() + " of service "
                            + before.name() + " cannot be dropped from its spec: its data would be stranded;"
                            + " remove the service ('svcctl rm " + before.name() + "', which keeps volumes) and"
                            + " create it again"));
            if (!now.path().equals(v.path())) {
                throw new IllegalArgumentException("volume " + v.name() + " of service " + before.name()
                        + " cannot move from " + v.path() + " to " + now.path() + "; add a new volume instead");
            }
        }
        return added;
    }

    private static void same(Object before, Object after, String field, ServiceSpec spec) {
        if (!Objects.equals(before, after)) {
            throw new IllegalArgumentException("the " + field + " of service " + spec.name() + " cannot change (it"
                    + " belongs to the service's dataset): it is " + before + ", the edit says " + after
                    + "; create a new service for that");
        }
    }
}
