package io.svcctl.manager.migrate;

import io.svcctl.manager.Host;
import io.svcctl.manager.SvcctlException;
import io.svcctl.manager.service.ServiceManager;
import io.svcctl.manager.service.ServiceSpec;
import io.svcctl.units.ServiceName;
import io.svcctl.zfs.DatasetName;
import io.svcctl.zfs.DestroyMode;
import io.svcctl.zfs.PropertyName;
import io.svcctl.zfs.ReceiveOptions;
import io.svcctl.zfs.Zfs;
import io.svcctl.zfs.ZfsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The receiving end of a migration, run on the target by {@code svcctl receive} and {@code svcctl migrate-agent}:
 * reports what this host has, receives streams into the staging area, switches a staged service into
 * {@code services/} and starts it, or undoes the staging. It never touches a dataset it did not receive,
 * except a kept copy of the same service that an earlier migration away left (marked {@code svcctl:migrated-to}).
 */
public final class TargetAgent {
    private final Host host;
    private final Zfs zfs;
    private final StoreStates states;
    private final MigrationSnapshots snapshots;
    private final MigrationListener listener;

    public TargetAgent(Host host, MigrationListener listener) {
        this.host = host;
        this.zfs = host.zfs();
        this.states = new StoreStates(zfs, host.settings().rootDataset());
        this.snapshots = new MigrationSnapshots(zfs);
        this.listener = listener;
    }

    private DatasetName staging(String service) {
        return states.absolute(MigrationNames.STAGING).child(ServiceName.parse(service).value());
    }

    /** Images (whole and incoming), the staged service and a service of that name, with the service's state. */
    public Inventory probe(String service) {
        List<DatasetState> all = new ArrayList<>();
        all.addAll(states.readChildren(host.layout().images()));
        all.addAll(states.readChildren(host.layout().incoming()));
        all.addAll(states.readTree(staging(service)));
        DatasetName existing = host.layout().service(ServiceName.parse(service).value());
        all.addAll(states.readTree(existing));
        boolean active = zfs.exists(existing) && new ServiceManager(host, host.serviceFiles()).status(service)
                .state().equals("active");
        return new Inventory(all, states.resumable(), active);
    }

    /** What a receive did; {@code activated} when it also switched the service in and started it. */
    public record ReceiveReport(String service, int steps, long bytes, boolean staged, List<String> images,
                                ActivateReport activated) {
    }

    /**
     * Receives an svcctl stream: images into {@code incoming/} (renamed into {@code images/} once whole), the
     * service into {@code migrating/<svc>}, unmounted and marked. A stream that is not staged ({@code svcctl
     * send} to a file) is made a service at once, not started, unless {@code forceStage}.
     */
    public ReceiveReport receive(InputStream input, boolean forceStage, boolean activate) throws IOException {
        MigrationStream.Reader reader = MigrationStream.Reader.open(input);
        MigrationStream.Header header = reader.header();
        boolean stage = header.stage() || forceStage;
        String service = ServiceName.parse(header.service()).value();
        DatasetName staged = staging(service);
        DatasetName stagingArea = staged.parent().orElseThrow();
        if (!zfs.exists(stagingArea)) {
            zfs.create(stagingArea, Map.of());
        }
        if (zfs.exists(host.layout().service(service)) && !zfs.userProperties(host.layout().service(service))
                .containsKey(MigrationNames.MIGRATED_TO)) {
            throw new SvcctlException(SvcctlException.Kind.CONFLICT, "while receiving " + service
                    + ": this host already runs a service of that name; remove or rename it first");
        }
        boolean resumable = states.resumable();
        long bytes = 0;
        List<String> images = new ArrayList<>();
        List<SendStep> steps = header.steps();
        for (int i = 0; i < steps.size(); i++) {
            SendStep step = steps.get(i);
            DatasetName target = states.absolute(step.target());
            boolean isStaged = target.equals(staged) || target.isDescendantOf(staged)
                    || target.isDescendantOf(host.layout().incoming());
            if (!isStaged && !step.discard().isEmpty()) {
                throw new SvcctlException(SvcctlException.Kind.CONFLICT, "while receiving " + step.describe()
                        + ": the stream asks to discard snapshots of " + target + ", which is not staged by a"
                        + " migration; refused (svcctl never destroys data a host had)");
            }
            if (!isStaged && zfs.exists(target)) {
                throw new SvcctlException(SvcctlException.Kind.CONFLICT, "while receiving " + step.describe()
                        + ": " + target + " exists and is not this migration's: nothing was changed in it");
            }
            if (target.isDescendantOf(host.layout().incoming())
                    && zfs.exists(host.layout().images().child(target.leaf()))) {
                // a stream made without this host's inventory ('svcctl send' alone) carries images it has whole
                listener.event("skipping " + step.describe() + ": image " + target.leaf() + " is here already");
                try (CountingInputStream in = new CountingInputStream(reader.step(i))) {
                    in.transferTo(OutputStream.nullOutputStream());
                    bytes += in.count();
                }
                continue;
            }
            for (String name : step.discard()) {
                listener.event("discarding " + target + "@" + name + " from an earlier attempt");
                snapshots.drop(target.snapshot(name));
            }
            listener.event("receiving " + step.describe() + " into " + target);
            ReceiveOptions options = ReceiveOptions.DEFAULTS.withNoMount();
            if (resumable) {
                options = options.withResumable();
            }
            try (CountingInputStream in = new CountingInputStream(reader.step(i))) {
                zfs.receive(target, in, options);
                bytes += in.count();
            }
            if (target.isDescendantOf(host.layout().incoming())) {
                zfs.set(target, MigrationNames.MIGRATING, header.source());
                if (step.snapshot().equals("ready")) {
                    finishImage(target, header.properties().getOrDefault(step.source(), Map.of()));
                    images.add(target.leaf());
                }
            } else if (target.equals(staged)) {
                zfs.set(staged, MigrationNames.MIGRATING, header.source());
            }
        }
        reader.finish();
        if (zfs.exists(staged)) {
            snapshots.holdNewest(staged);
            snapshots.dropOlder(staged, newestMigrationSnapshot(staged));
        }
        if (!stage) {
            switchIn(service);
            new MigrationSnapshots(zfs).dropOlder(host.layout().service(service), null);
        }
        // the switch's last delta and the start in one call: one ssh round trip less while the service is down
        ActivateReport activated = stage && activate ? activate(service) : null;
        return new ReceiveReport(service, steps.size(), bytes, stage, images, activated);
    }

    private String newestMigrationSnapshot(DatasetName ds) {
        return zfs.snapshots(ds).stream().map(s -> s.name().snapshot()).filter(MigrationNames::isMigrationSnapshot)
                .reduce((a, b) -> b).orElse(null);
    }

    /** A received image is whole at @ready: give it the source's svcctl properties and move it into images/. */
    private void finishImage(DatasetName incoming, Map<String, String> properties) {
        for (Map.Entry<String, String> p : properties.entrySet()) {
            zfs.set(incoming, PropertyName.parse(p.getKey()), p.getValue());
        }
        zfs.inherit(incoming, MigrationNames.MIGRATING);
        zfs.set(incoming, PropertyName.CANMOUNT, "noauto");
        zfs.rename(incoming, host.layout().images().child(incoming.leaf()));
    }

    /** What the switch on this host did. */
    public record ActivateReport(String service, String state, boolean replacedKeptCopy) {
    }

    /**
     * Moves the staged service into {@code services/}, renders its units and starts it. If it does not become
     * active, everything goes back to staged (rolled back to the last received snapshot) and the error says why.
     */
    public ActivateReport activate(String service) throws IOException {
        boolean replaced = switchIn(service);
        ServiceManager manager = new ServiceManager(host, host.serviceFiles());
        try {
            listener.event("starting " + service);
            String state = manager.start(service).state();
            if (!state.equals("active")) {
                throw new SvcctlException(SvcctlException.Kind.FAILED, "while starting " + service
                        + ": it is " + state + " after its start job");
            }
        } catch (RuntimeException e) {
            try {
                switchOut(service);
            } catch (RuntimeException | IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        snapshots.dropOlder(host.layout().service(service), null);
        return new ActivateReport(service, "active", replaced);
    }

    /** Staged → services/: replaces a kept copy an earlier migration away left, mounts, writes units. */
    private boolean switchIn(String service) throws IOException {
        DatasetName staged = staging(service);
        if (!zfs.exists(staged) || !zfs.userProperties(staged).containsKey(MigrationNames.MIGRATING)) {
            throw new SvcctlException(SvcctlException.Kind.NOT_FOUND, "while switching " + service
                    + " in: nothing is staged for it on this host (run the migration's begin phase first)");
        }
        DatasetName dest = host.layout().service(service);
        boolean replaced = false;
        ServiceManager manager = new ServiceManager(host, host.serviceFiles());
        if (zfs.exists(dest)) {
            if (!zfs.userProperties(dest).containsKey(MigrationNames.MIGRATED_TO)) {
                throw new SvcctlException(SvcctlException.Kind.CONFLICT, "while switching " + service
                        + " in: a service of that name exists here; remove it first");
            }
            listener.event("replacing the copy of " + service + " kept here when it migrated away");
            manager.remove(service, true);
            replaced = true;
        }
        zfs.rename(staged, dest);
        zfs.inherit(dest, MigrationNames.MIGRATING);
        List<DatasetName> tree = new ArrayList<>(List.of(dest));
        tree.addAll(zfs.listChildren(dest, 32));
        for (DatasetName ds : tree) {
            if (!"yes".equals(zfs.get(ds, PropertyName.MOUNTED).value(PropertyName.MOUNTED).orElse(""))) {
                zfs.mount(ds);
            }
        }
        ServiceSpec spec = host.services().spec(service);
        host.services().markImage(service, spec.imageId());
        host.serviceFiles().write(spec);
        host.systemd().reload();
        return replaced;
    }

    /** Undoes {@link #switchIn}: stops, removes units, rolls back to the last received snapshot, stages again. */
    private void switchOut(String service) throws IOException {
        ServiceName name = ServiceName.parse(service);
        String unit = name.unitName().value();
        if (!host.systemd().status(unit).activeState().equals("inactive")) {
            host.systemd().stop(unit, io.svcctl.manager.systemd.JobMode.REPLACE);
        }
        if (host.systemd().status(unit).isFailed()) {
            host.systemd().resetFailed(unit);
        }
        host.serviceFiles().remove(name);
        host.systemd().reload();
        DatasetName dest = host.layout().service(service);
        List<DatasetName> tree = new ArrayList<>(List.of(dest));
        tree.addAll(zfs.listChildren(dest, 32));
        for (int i = tree.size() - 1; i >= 0; i--) {
            zfs.unmount(tree.get(i));
        }
        for (DatasetName ds : tree) {
            String newest = newestMigrationSnapshot(ds);
            if (newest != null) {
                zfs.rollback(ds.snapshot(newest));
            }
        }
        zfs.rename(dest, staging(service));
        zfs.set(staging(service), MigrationNames.MIGRATING, "rolled-back");
    }

    /** Destroys what this migration staged here: the staged service and partly received images. */
    public List<String> abort(String service) {
        List<String> removed = new ArrayList<>();
        DatasetName staged = staging(service);
        if (zfs.exists(staged)) {
            if (!zfs.userProperties(staged).containsKey(MigrationNames.MIGRATING)) {
                throw new SvcctlException(SvcctlException.Kind.CONFLICT, "while undoing the migration of " + service
                        + ": " + staged + " is not marked as staged by a migration; left alone");
            }
            snapshots.releaseAll(staged);
            zfs.destroy(staged, DestroyMode.RECURSIVE);
            removed.add(staged.toString());
        }
        for (DatasetName partial : zfs.listChildren(host.layout().incoming(), 1)) {
            if (zfs.userProperties(partial).containsKey(MigrationNames.MIGRATING)) {
                try {
                    zfs.destroy(partial, DestroyMode.RECURSIVE);
                    removed.add(partial.toString());
                } catch (ZfsException e) {
                    listener.event("left " + partial + " (" + e.getMessage() + ")");
                }
            }
        }
        return removed;
    }
}
