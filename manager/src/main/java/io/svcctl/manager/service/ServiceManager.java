package io.svcctl.manager.service;

import io.svcctl.manager.Host;
import io.svcctl.manager.SvcctlException;
import io.svcctl.manager.store.ImageRecord;
import io.svcctl.manager.store.ImageStore;
import io.svcctl.manager.systemd.JobMode;
import io.svcctl.manager.systemd.JobResult;
import io.svcctl.manager.systemd.Journal;
import io.svcctl.manager.systemd.MachineInfo;
import io.svcctl.manager.systemd.SystemdClient;
import io.svcctl.manager.systemd.UnitStatus;
import io.svcctl.units.ServiceName;
import io.svcctl.units.UnitFile;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Services: a clone of an image, a .nspawn file and units rendered from the spec, run by systemd. Every
 * control action is a systemd job over D-Bus, followed to its end.
 */
public final class ServiceManager {
    private static final int FAILURE_LOG_LINES = 15;
    /**
     * How long after its start job a service's container must still run for the start to count (see {@link #settle}).
     * A command that cannot be executed, or a shell that exits at once, ends the container within ~5 ms of the job in
     * the test hosts; later crashes are systemd's to restart per the policy, and {@code status} shows them.
     */
    private static final Duration START_WATCH = Duration.ofMillis(20);
    private static final Duration LEADER_POLL = Duration.ofMillis(2);
    /** How long systemd may take to see a container that ended; it saw them within ~20 ms in the test hosts. */
    private static final Duration STOP_SEEN = Duration.ofSeconds(2);
    private static final Duration STATE_POLL = Duration.ofMillis(10);

    private final Host host;
    private final ServiceFiles files;

    public ServiceManager(Host host, ServiceFiles files) {
        this.host = host;
        this.files = files;
    }

    /** A created service and what the user should know about it (e.g. running without a user namespace). */
    public record Created(ServiceSpec spec, List<String> warnings) {
    }

    /**
     * A changed spec, re-rendered.
     *
     * @param restarted true when the running service was restarted to apply it
     * @param pending   true when the service runs with the old spec until it is restarted
     */
    public record Updated(ServiceSpec spec, List<String> warnings, boolean restarted, boolean pending) {
    }

    /** Clones the image, writes the spec and the unit files, reloads systemd. On failure nothing is left. */
    public Created create(CreateRequest request, Function<String, Optional<String>> normalizeReference)
            throws IOException {
        ServiceName name = ServiceName.parse(request.name());
        ImageStore images = host.images();
        ImageRecord image = images.find(request.image(), normalizeReference);
        String reference = image.references().isEmpty() ? image.id() : image.references().get(0);
        Long uidBase = uidBase();
        ServiceStore store = host.services();
        ServiceSpec spec = store.create(name.value(), images.ready(image), meta -> {
            ServiceSpec s = ServiceDefaults.resolve(request, meta.config(), image.id(), reference, uidBase);
            files.check(s); // hostile values are refused before anything is written
            return s;
        });
        ServiceFiles.Rendered rendered;
        try {
            rendered = files.write(spec);
            host.systemd().reload();
        } catch (IOException | RuntimeException e) {
            try {
                files.remove(name);
                store.destroy(spec.name(), true);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return new Created(spec, rendered.warnings());
    }

    /**
     * The user namespace a new service gets: the shifted range of the store's trees; a range of its own when the
     * storage maps ids; none otherwise (the rendering then warns).
     */
    private Long uidBase() {
        if (host.settings().uidShift() != 0) {
            return host.settings().uidShift();
        }
        if (!host.zfs().capabilities().has(io.svcctl.zfs.ZfsFeature.IDMAPPED_MOUNTS)) {
            return null;
        }
        List<io.svcctl.nspawn.UidRange> used = new ArrayList<>();
        for (String other : host.services().names()) {
            Long base = host.services().spec(other).uidBase();
            if (base != null) {
                used.add(new io.svcctl.nspawn.UidRange(base));
            }
        }
        return io.svcctl.nspawn.UidRange.firstFree(used).base();
    }

    /**
     * Changes a service's spec and re-renders its files; the running container keeps the old spec until it is
     * restarted, which happens here only with {@code restartNow}. A refused change leaves everything as it was.
     */
    public Updated update(String service, UnaryOperator<ServiceSpec> change, boolean restartNow) throws IOException {
        ServiceName name = existing(service);
        ServiceStore store = host.services();
        ServiceSpec before = store.spec(service);
        ServiceSpec after = change.apply(before);
        List<VolumeSpec> added = SpecUpdate.addedVolumes(before, after);
        ServiceFiles.Rendered rendered = files.check(after); // hostile values are refused before anything changes
        Set<String> helpersBefore = helperUnits(name, files.render(before));
        store.addVolumes(service, added);
        store.writeSpec(after);
        files.write(after);
        SystemdClient systemd = host.systemd();
        systemd.reload();
        // a socket of a port no longer published would keep listening with its unit file gone. Stopped only after
        // the reload: until then the running service Requires= it and would be stopped with it.
        helpersBefore.removeAll(helperUnits(name, rendered));
        for (String unit : helpersBefore) {
            if (!systemd.status(unit).activeState().equals("inactive")) {
                systemd.stop(unit, JobMode.REPLACE);
            }
        }
        boolean active = !systemd.status(name.unitName().value()).activeState().equals("inactive")
                && !systemd.status(name.unitName().value()).isFailed();
        if (restartNow && active) {
            restart(service);
        }
        return new Updated(after, rendered.warnings(), restartNow && active, !restartNow && active);
    }

    /** The socket and proxy units of published ports: every unit but the service's own. */
    private static Set<String> helperUnits(ServiceName name, ServiceFiles.Rendered rendered) {
        Set<String> names = new HashSet<>();
        rendered.units().stream().map(UnitFile::name).filter(n -> !n.equals(name.unitName().value()))
                .forEach(names::add);
        return names;
    }

    public ServiceView start(String service) {
        return act(service, "starting", SystemdClient::start, true);
    }

    public ServiceView stop(String service) {
        return act(service, "stopping", SystemdClient::stop, false);
    }

    public ServiceView restart(String service) {
        return act(service, "restarting", SystemdClient::restart, true);
    }

    private interface Job {
        JobResult run(SystemdClient systemd, String unit, JobMode mode);
    }

    private ServiceView act(String service, String doing, Job job, boolean starts) {
        ServiceName name = existing(service);
        String unit = name.unitName().value();
        SystemdClient systemd = host.systemd();
        // the spec and the disk use do not change with the job: read them while systemd runs it (not before: on
        // two CPUs that work slowed the connection the job waits for)
        CompletableFuture<Stored> stored = CompletableFuture.supplyAsync(() -> stored(service));
        JobResult result = job.run(systemd, unit, JobMode.REPLACE);
        long jobEnded = System.nanoTime();
        if (!result.succeeded()) {
            throw failed(service, doing, unit, "the job " + result.wireName(), systemd.status(unit));
        }
        Optional<MachineInfo> machine = systemd.machine(name.machineName().value());
        ServiceView view = view(name, join(stored), machine); // gathered while the start is watched
        if (starts) {
            settle(service, doing, unit, machine, jobEnded);
        }
        return view;
    }

    /** What a service's view takes from its dataset rather than from systemd. */
    private record Stored(ServiceSpec spec, long usedBytes) {
    }

    private Stored stored(String service) {
        return new Stored(host.services().spec(service), host.services().usedBytes(service));
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * nspawn reports the container started just before it runs the command, so a command that cannot be executed, or
     * that exits at once, would look like a good start. The machine's leader (nspawn's init, which ends with the
     * command) is watched until {@link #START_WATCH} after the job; if it ends, or the machine is gone already (nspawn
     * registers it before it reports the start), the start failed once systemd sees the unit stop too.
     */
    private void settle(String service, String doing, String unit, Optional<MachineInfo> machine, long jobEnded) {
        long watched = jobEnded + START_WATCH.toNanos();
        while (machine.isPresent() && LeaderProcess.isRunning(machine.get().leader())) {
            if (System.nanoTime() >= watched) {
                return;
            }
            pause(LEADER_POLL);
        }
        long seen = System.nanoTime() + STOP_SEEN.toNanos();
        // a unit that stays active runs a container that was not registered after all: not a failure
        while (System.nanoTime() < seen) {
            if (!host.systemd().activeState(unit).equals("active")) {
                throw failed(service, doing, unit, "its command exited at once", host.systemd().status(unit));
            }
            pause(STATE_POLL);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SvcctlException(SvcctlException.Kind.FAILED, "interrupted while watching the start");
        }
    }

    private SvcctlException failed(String service, String doing, String unit, String what, UnitStatus status) {
        List<String> log = new Journal(host.runner()).tail(unit, FAILURE_LOG_LINES);
        return new SvcctlException(SvcctlException.Kind.FAILED, "while " + doing + " " + service + ": " + what
                + " (unit " + status.activeState() + "/" + status.subState() + ", result " + status.result()
                + (status.nRestarts() == null || status.nRestarts() == 0 ? "" : ", restarted " + status.nRestarts()
                + " times") + ")" + (log.isEmpty() ? "" : "; last log lines:\n  " + String.join("\n  ", log))
                + "\nSee 'svcctl logs " + service + "' or 'journalctl -u " + unit + "'.");
    }

    public void enable(String service) {
        host.systemd().enable(List.of(existing(service).unitName().value()), false);
    }

    public void disable(String service) {
        host.systemd().disable(List.of(existing(service).unitName().value()), false);
    }

    public ServiceView status(String service) {
        ServiceName name = existing(service);
        return view(name, stored(service));
    }

    private ServiceView view(ServiceName name, Stored stored) {
        return view(name, stored, host.systemd().machine(name.machineName().value()));
    }

    private ServiceView view(ServiceName name, Stored stored, Optional<MachineInfo> machine) {
        UnitStatus unit = host.systemd().status(name.unitName().value());
        return ServiceView.of(stored.spec(), unit, machine.orElse(null), stored.usedBytes());
    }

    /**
     * Every service; one whose dataset cannot be read is listed as damaged rather than hiding the others. Their disk
     * use comes from one zfs command (one per service cost ~6 ms each).
     */
    public List<ServiceView> list() {
        List<ServiceView> all = new ArrayList<>();
        host.services().usedBytesOfEach().forEach((service, usedBytes) -> {
            ServiceName name = ServiceName.parse(service);
            try {
                all.add(view(name, new Stored(host.services().spec(service), usedBytes)));
            } catch (SvcctlException e) {
                all.add(ServiceView.damaged(service, name.unitName().value(), e.getMessage()));
            }
        });
        return all;
    }

    /** Stops the service, removes its units and its dataset; volumes only with {@code volumes}. */
    public void remove(String service, boolean volumes) throws IOException {
        ServiceName name = existing(service);
        String unit = name.unitName().value();
        SystemdClient systemd = host.systemd();
        if (!systemd.status(unit).activeState().equals("inactive")) {
            systemd.stop(unit, JobMode.REPLACE);
        }
        if (systemd.status(unit).isFailed()) {
            systemd.resetFailed(unit);
        }
        if (systemd.status(unit).isLoaded()) {
            systemd.disable(List.of(unit), false);
        }
        files.remove(name);
        systemd.reload();
        host.services().destroy(service, volumes);
    }

    public Journal journal() {
        return new Journal(host.runner());
    }

    private ServiceName existing(String service) {
        ServiceName name = ServiceName.parse(service);
        if (!host.services().exists(service)) {
            throw new SvcctlException(SvcctlException.Kind.NOT_FOUND, "no service '" + service + "' (see 'svcctl list')");
        }
        return name;
    }
}
