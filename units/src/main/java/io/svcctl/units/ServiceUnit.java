package io.svcctl.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The unit that runs one service's container, {@code svcctl-<svc>.service}, shaped after systemd's
 * {@code systemd-nspawn@.service} but for a single process instead of a booted OS (see docs/decisions.md):
 * nspawn runs with {@code --settings=override}, so the container's settings (command, environment, user,
 * private users, bind mounts, how to stop it) come from its {@code <machine>.nspawn} file; the unit holds what
 * systemd enforces (cgroup limits, restart policy, ordering, the network namespace in
 * {@link NetworkMode#ISOLATED}).
 *
 * @param rootDirectory  the container's root tree on the host
 * @param after          units this one starts after (e.g. other services it depends on)
 * @param wants          units started along with this one, failures tolerated
 * @param requires       units that must start for this one to run
 * @param restartSec     pause before a restart; only written when {@code restart} is not NO
 * @param memoryMaxBytes MemoryMax=, null for none
 * @param cpus           CPUQuota= as a number of CPUs (1.5 = 150%), null for none
 * @param tasksMax       TasksMax=; systemd-nspawn@.service's 16384 when not given
 * @param ports          published ports; also decides the network mode
 */
public record ServiceUnit(
        ServiceName service,
        Path rootDirectory,
        String description,
        List<UnitName> after,
        List<UnitName> wants,
        List<UnitName> requires,
        Restart restart,
        Duration restartSec,
        Long memoryMaxBytes,
        Double cpus,
        long tasksMax,
        PortPlan ports) {

    public static final long DEFAULT_TASKS_MAX = 16384;
    public static final Duration DEFAULT_RESTART_SEC = Duration.ofSeconds(1);
    /** Run in the unit's own network namespace: a redirect into /proc needs the shell, nothing else is asked of it. */
    static final List<String> OPEN_LOW_PORTS =
            List.of("/bin/sh", "-c", "echo 0 > /proc/sys/net/ipv4/ip_unprivileged_port_start");

    public ServiceUnit {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(restartSec, "restartSec");
        Objects.requireNonNull(ports, "ports");
        if (rootDirectory == null || !rootDirectory.isAbsolute() || !rootDirectory.normalize().equals(rootDirectory)) {
            throw new IllegalArgumentException("service " + service + ": root directory '" + rootDirectory
                    + "' must be an absolute, normalized path");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("service " + service + ": the description is empty");
        }
        after = List.copyOf(after);
        wants = List.copyOf(wants);
        requires = List.copyOf(requires);
        if (restartSec.isNegative()) {
            throw new IllegalArgumentException("service " + service + ": RestartSec cannot be negative");
        }
        if (memoryMaxBytes != null && memoryMaxBytes < 1) {
            throw new IllegalArgumentException("service " + service + ": MemoryMax must be at least 1 byte");
        }
        if (cpus != null && !(cpus >= 0.0001 && cpus <= 1_000_000)) {
            throw new IllegalArgumentException("service " + service + ": a CPU quota of " + cpus
                    + " CPUs is out of range (0.0001 and up)");
        }
        if (tasksMax < 1) {
            throw new IllegalArgumentException("service " + service + ": TasksMax must be at least 1");
        }
        if (!ports.service().equals(service)) {
            throw new IllegalArgumentException("service " + service + ": port plan belongs to " + ports.service());
        }
    }

    public static Builder builder(ServiceName service, Path rootDirectory) {
        return new Builder(service, rootDirectory);
    }

    public UnitName unitName() {
        return service.unitName();
    }

    /** What ExecStart= runs: systemd-nspawn taking everything else from the machine's .nspawn file. */
    public List<String> command() {
        return List.of("systemd-nspawn", "--quiet", "--keep-unit", "--settings=override", "--console=pipe",
                "--machine=" + service.machineName(), "--directory=" + rootDirectory);
    }

    public UnitFile toUnitFile() {
        UnitFile.Builder b = UnitFile.builder(unitName().value(), Syntax.UNIT)
                .header(Generated.notice(service))
                .section("Unit")
                .add("Description", Value.text(description))
                .add("PartOf", Value.text("machines.target"))
                .add("Before", Value.text("machines.target"))
                .add("After", Value.text("network.target"));
        after.forEach(u -> b.add("After", Value.text(u.value())));
        wants.forEach(u -> b.add("Wants", Value.text(u.value())));
        requires.forEach(u -> b.add("Requires", Value.text(u.value())));
        // a port that cannot be bound fails the start instead of leaving a service nobody can reach
        for (PortForward f : ports.forwards()) {
            b.add("Requires", Value.text(f.socketName().value()));
            b.add("After", Value.text(f.socketName().value()));
        }

        b.section("Service")
                .add("Type", Value.verbatim("notify"));
        if (ports.mode() == NetworkMode.ISOLATED) {
            // root in a user namespace may not bind ports below 1024 in a network namespace it does not own (this
            // one is systemd's); the namespace holds nothing but this container, so opening them all is safe
            b.add("ExecStartPre", Value.command(OPEN_LOW_PORTS));
        }
        b.add("ExecStart", Value.command(command()))
                .add("KillMode", Value.verbatim("mixed"))
                .add("Delegate", Value.bool(true))
                .add("Slice", Value.text("machine.slice"))
                .add("DevicePolicy", Value.verbatim("closed"))
                .add("DeviceAllow", Value.text("char-pts rw"))
                .add("TasksMax", Value.number(tasksMax));
        if (memoryMaxBytes != null) {
            b.add("MemoryMax", Value.number(memoryMaxBytes));
        }
        if (cpus != null) {
            b.add("CPUQuota", Value.verbatim(percent(cpus)));
        }
        if (ports.mode() == NetworkMode.ISOLATED) {
            b.add("PrivateNetwork", Value.bool(true));
        }
        b.add("Restart", Value.verbatim(restart.word()));
        if (restart != Restart.NO) {
            b.add("RestartSec", Value.verbatim(timespan(restartSec)));
        }

        return b.section("Install")
                .add("WantedBy", Value.text("machines.target"))
                .build();
    }

    /** CPUs as systemd's percentage, at most two decimals (systemd's own resolution). */
    static String percent(double cpus) {
        return BigDecimal.valueOf(cpus).multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "%";
    }

    static String timespan(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    public static final class Builder {
        private final ServiceName service;
        private final Path rootDirectory;
        private String description;
        private final List<UnitName> after = new ArrayList<>();
        private final List<UnitName> wants = new ArrayList<>();
        private final List<UnitName> requires = new ArrayList<>();
        private Restart restart = Restart.NO;
        private Duration restartSec = DEFAULT_RESTART_SEC;
        private Long memoryMaxBytes;
        private Double cpus;
        private long tasksMax = DEFAULT_TASKS_MAX;
        private PortPlan ports;

        private Builder(ServiceName service, Path rootDirectory) {
            this.service = service;
            this.rootDirectory = rootDirectory;
            this.description = "svcctl service " + service;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder after(UnitName unit) {
            after.add(unit);
            return this;
        }

        public Builder wants(UnitName unit) {
            wants.add(unit);
            return this;
        }

        public Builder requires(UnitName unit) {
            requires.add(unit);
            return this;
        }

        public Builder restart(Restart restart, Duration restartSec) {
            this.restart = restart;
            this.restartSec = restartSec;
            return this;
        }

        public Builder restart(Restart restart) {
            this.restart = restart;
            return this;
        }

        public Builder memoryMax(Long bytes) {
            this.memoryMaxBytes = bytes;
            return this;
        }

        public Builder cpus(Double cpus) {
            this.cpus = cpus;
            return this;
        }

        public Builder tasksMax(Long tasks) {
            this.tasksMax = tasks == null ? DEFAULT_TASKS_MAX : tasks;
            return this;
        }

        public Builder ports(PortPlan ports) {
            this.ports = ports;
            return this;
        }

        public ServiceUnit build() {
            return new ServiceUnit(service, rootDirectory, description, after, wants, requires, restart, restartSec,
                    memoryMaxBytes, cpus, tasksMax, ports == null ? PortPlan.none(service, NetworkMode.HOST) : ports);
        }
    }
}
