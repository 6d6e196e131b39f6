package io.svcctl.manager.service;

import io.svcctl.manager.HostFiles;
import io.svcctl.nspawn.Bind;
import io.svcctl.nspawn.NspawnSettings;
import io.svcctl.nspawn.TreeOwnership;
import io.svcctl.nspawn.UidRange;
import io.svcctl.nspawn.UserNamespacePlan;
import io.svcctl.units.NetworkMode;
import io.svcctl.units.PortPlan;
import io.svcctl.units.PublishedPort;
import io.svcctl.units.ServiceName;
import io.svcctl.units.ServiceUnit;
import io.svcctl.units.UnitFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A service's files for systemd, rendered from its spec: the container unit (plus socket and proxy units for
 * remapped ports) in /etc/systemd/system and the {@code <machine>.nspawn} settings in /etc/systemd/nspawn.
 * Rendering is pure; {@link #write} and {@link #remove} are the only effects.
 */
public final class ServiceFiles {
    public static final Path UNIT_DIR = Path.of("/etc/systemd/system");
    public static final Path NSPAWN_DIR = Path.of("/etc/systemd/nspawn");
    /** The default of net.ipv4.ip_unprivileged_port_start. */
    private static final int PRIVILEGED_PORTS = 1024;

    /** Everything systemd gets for one service, and what the user should be told about it. */
    public record Rendered(List<UnitFile> units, UnitFile nspawn, List<String> warnings) {
        public Rendered {
            units = List.copyOf(units);
            warnings = List.copyOf(warnings);
        }
    }

    private final Path unitDir;
    private final Path nspawnDir;
    private final Function<String, Path> rootfs;
    private final BiFunction<String, String, Path> volumeDirectory;
    private final long shiftedBase;

    /**
     * @param shiftedBase the UID base image trees are shifted to (0: unshifted trees, ids mapped by the storage
     *                    when a service has a uidBase, else no user namespace)
     */
    public ServiceFiles(Path unitDir, Path nspawnDir, Function<String, Path> rootfs,
                        BiFunction<String, String, Path> volumeDirectory, long shiftedBase) {
        this.unitDir = unitDir;
        this.nspawnDir = nspawnDir;
        this.rootfs = rootfs;
        this.volumeDirectory = volumeDirectory;
        this.shiftedBase = shiftedBase;
    }

    public Rendered render(ServiceSpec spec) {
        ServiceName name = ServiceName.parse(spec.name());
        UserNamespacePlan users = userNamespace(spec);
        ServiceUnit.Builder unit = ServiceUnit.builder(name, rootfs.apply(spec.name()))
                .description("svcctl service " + spec.name() + " (" + spec.imageReference() + ")")
                .restart(spec.restart())
                .memoryMax(spec.limits().memoryBytes())
                .cpus(spec.limits().cpus())
                .tasksMax(spec.limits().tasks())
                .ports(PortPlan.of(name, spec.network(), spec.ports()));
        for (String dependency : spec.after()) {
            ServiceName other = ServiceName.parse(dependency);
            unit.after(other.unitName()).wants(other.unitName());
        }
        ServiceUnit service = unit.build();
        List<UnitFile> units = new ArrayList<>();
        units.add(service.toUnitFile());
        units.addAll(service.ports().unitFiles());

        NspawnSettings.Builder settings = NspawnSettings.builder(spec.command())
                .env(spec.env())
                .workingDirectory(spec.workingDir())
                .userNamespace(users);
        if (!spec.user().isEmpty() && !spec.user().equals("root") && !spec.user().equals("0")) {
            settings.user(spec.user());
        }
        for (VolumeSpec v : spec.volumes()) {
            settings.bind(Bind.readWrite(volumeDirectory.apply(spec.name(), v.name()), v.path())
                    .withOptions(users.volumeBindOptions()));
        }
        List<String> warnings = new ArrayList<>();
        users.warning().ifPresent(warnings::add);
        lowPortWarning(spec, users).ifPresent(warnings::add);
        return new Rendered(units, settings.build().toUnitFile(name), warnings);
    }

    /**
     * On the host's network a user-namespaced root has no CAP_NET_BIND_SERVICE over the host's namespace, so
     * binding a port below the host's unprivileged start (1024 by default) fails with EACCES at run time.
     */
    static Optional<String> lowPortWarning(ServiceSpec spec, UserNamespacePlan users) {
        if (spec.network() != NetworkMode.HOST || users.ownership() == null) {
            return Optional.empty();
        }
        List<PublishedPort> low = spec.ports().stream().filter(p -> p.containerPort() < PRIVILEGED_PORTS).toList();
        if (low.isEmpty()) {
            return Optional.empty();
        }
        PublishedPort first = low.get(0);
        return Optional.of("listens on port " + low.stream().map(p -> Integer.toString(p.containerPort())).distinct()
                .collect(Collectors.joining(", ")) + " of the host's network from a user"
                + " namespace, where ports below " + PRIVILEGED_PORTS + " cannot be bound: it will fail with"
                + " EACCES (Permission denied). Use --network isolated -p " + first.hostPort() + ":" + first.containerPort() + " (its own network namespace"
                + " allows them; the port still answers on the host, localhost included), or a container port of "
                + PRIVILEGED_PORTS + " or above.");
    }

    private UserNamespacePlan userNamespace(ServiceSpec spec) {
        if (spec.uidBase() == null) {
            return UserNamespacePlan.decide(TreeOwnership.unshifted(), false, null);
        }
        UidRange range = new UidRange(spec.uidBase());
        return spec.uidBase() == shiftedBase
                ? UserNamespacePlan.decide(TreeOwnership.shiftedTo(range), false, null)
                : UserNamespacePlan.decide(TreeOwnership.unshifted(), true, range);
    }

    /** Renders and serializes everything, so a hostile value is refused before anything is written. */
    public Rendered check(ServiceSpec spec) {
        Rendered r = render(spec);
        r.units().forEach(UnitFile::render);
        r.nspawn().render();
        return r;
    }

    /** Writes the files (each atomically); returns the rendering, warning included. */
    public Rendered write(ServiceSpec spec) throws IOException {
        Rendered r = check(spec);
        remove(ServiceName.parse(spec.name())); // port units of an earlier spec must not linger
        for (UnitFile u : r.units()) {
            HostFiles.writeAtomically(unitDir.resolve(u.name()), u.render().getBytes(StandardCharsets.UTF_8));
        }
        HostFiles.writeAtomically(nspawnDir.resolve(r.nspawn().name()),
                r.nspawn().render().getBytes(StandardCharsets.UTF_8));
        return r;
    }

    /** Deletes every file svcctl wrote for the service; missing ones are fine. */
    public void remove(ServiceName name) throws IOException {
        Files.deleteIfExists(unitDir.resolve(name.unitName().value()));
        String helpers = "svcctl-" + name.value() + "_*";
        if (Files.isDirectory(unitDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(unitDir, helpers)) {
                for (Path p : ds) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Files.deleteIfExists(nspawnDir.resolve(NspawnSettings.fileName(name.machineName())));
    }
}
