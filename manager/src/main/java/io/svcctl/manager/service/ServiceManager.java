package io.svcctl.manager.service;

import io.svcctl.manager.Host;
import io.svcctl.manager.SvcctlException;
import io.svcctl.manager.store.ImageRecord;
import io.svcctl.manager.store.ImageStore;
import io.svcctl.manager.store.ServiceStore;
import io.svcctl.manager.systemd.JobMode;
import io.svcctl.manager.systemd.JobResult;
import io.svcctl.manager.systemd.Journal;
import io.svcctl.manager.systemd.SystemdClient;
import io.svcctl.manager.systemd.UnitStatus;
import io.svcctl.units.ServiceName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Services: a clone of an image, a .nspawn file and units rendered from the spec, run by systemd. Every
 * control action is a systemd job over D-Bus, followed to its end.
 */
public final class ServiceManager {
    private static final int FAILURE_LOG_LINES = 15;

    private final Host host;
    private final ServiceFiles files;

    public ServiceManager(Host host, ServiceFiles files) {
        this.host = host;
        this.files = files;
    }

    /** A created service and what the user should know about it (e.g. running without a user namespace). */
    public record Created(ServiceSpec spec, Optional<String> warning) {
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
        return new Created(spec, rendered.warning());
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

    public ServiceView start(String service) {
        return act(service, "starting", SystemdClient::start);
    }

    public ServiceView stop(String service) {
        return act(service, "stopping", SystemdClient::stop);
    }

    public ServiceView restart(String service) {
        return act(service, "restarting", SystemdClient::restart);
    }

    private interface Job {
        JobResult run(SystemdClient systemd, String unit, JobMode mode);
    }

    private ServiceView act(String service, String doing, Job job) {
        ServiceName name = existing(service);
        String unit = name.unitName().value();
        JobResult result = job.run(host.systemd(), unit, JobMode.REPLACE);
        if (!result.succeeded()) {
            UnitStatus status = host.systemd().status(unit);
            List<String> log = new Journal(host.runner()).tail(unit, FAILURE_LOG_LINES);
            throw new SvcctlException(SvcctlException.Kind.FAILED, "while " + doing + " " + service + ": the job "
                    + result.wireName() + " (unit " + status.activeState() + "/" + status.subState() + ", result "
                    + status.result() + ")" + (log.isEmpty() ? "" : "; last log lines:\n  " + String.join("\n  ", log))
                    + "\nSee 'svcctl logs " + service + "' or 'journalctl -u " + unit + "'.");
        }
        return status(service);
    }

    public void enable(String service) {
        host.systemd().enable(List.of(existing(service).unitName().value()), false);
    }

    public void disable(String service) {
        host.systemd().disable(List.of(existing(service).unitName().value()), false);
    }

    public ServiceView status(String service) {
        ServiceName name = existing(service);
        ServiceSpec spec = host.services().spec(service);
        SystemdClient systemd = host.systemd();
        UnitStatus unit = systemd.status(name.unitName().value());
        return ServiceView.of(spec, unit, systemd.machine(name.machineName().value()).orElse(null),
                host.services().usedBytes(service));
    }

    public List<ServiceView> list() {
        List<ServiceView> all = new ArrayList<>();
        for (String service : host.services().names()) {
            all.add(status(service));
        }
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
