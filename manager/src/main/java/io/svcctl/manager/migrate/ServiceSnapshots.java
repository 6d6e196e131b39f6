package io.svcctl.manager.migrate;

import io.svcctl.manager.Host;
import io.svcctl.manager.SvcctlException;
import io.svcctl.manager.service.ServiceManager;
import io.svcctl.units.ServiceName;
import io.svcctl.zfs.DatasetName;
import io.svcctl.zfs.SnapshotInfo;
import io.svcctl.zfs.Zfs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's snapshots of a service: its dataset and volumes together ({@code zfs snapshot -r}), listed,
 * and rolled back with the service stopped around it. Names starting with {@code svcctl-} are refused: those
 * are migrations' own.
 */
public final class ServiceSnapshots {
    private final Host host;
    private final Zfs zfs;

    public ServiceSnapshots(Host host) {
        this.host = host;
        this.zfs = host.zfs();
    }

    /** A snapshot as {@code svcctl snapshots} lists it; {@code migration} marks a migration's own. */
    public record Entry(String name, Instant created, String guid, boolean migration) {
    }

    private DatasetName existing(String service) {
        DatasetName ds = host.layout().service(ServiceName.parse(service).value());
        if (!zfs.exists(ds)) {
            throw new SvcctlException(SvcctlException.Kind.NOT_FOUND, "no service '" + service + "' (see 'svcctl list')");
        }
        return ds;
    }

    private static void checkName(String name) {
        MigrationNames.operatorNameProblem(name).ifPresent(why -> {
            throw new SvcctlException(SvcctlException.Kind.INVALID, "snapshot name '" + name + "': " + why);
        });
    }

    /** Snapshots the service and its volumes at once; the name defaults to the time (UTC). */
    public String snapshot(String service, String name) {
        DatasetName ds = existing(service);
        String snap = name != null ? name
                : "s" + Instant.now().toString().replaceAll("[^0-9T]", "").replace('T', '-').substring(0, 15);
        checkName(snap);
        try {
            zfs.snapshot(ds.snapshot(snap), true);
        } catch (IllegalArgumentException e) {
            throw new SvcctlException(SvcctlException.Kind.INVALID, "snapshot name '" + snap + "': " + e.getMessage(), e);
        }
        return snap;
    }

    public List<Entry> list(String service) {
        List<Entry> all = new ArrayList<>();
        for (SnapshotInfo s : zfs.snapshots(existing(service))) {
            String n = s.name().snapshot();
            all.add(new Entry(n, s.creation(), s.guid().toString(), MigrationNames.isMigrationSnapshot(n)));
        }
        return all;
    }

    /**
     * Rolls the service and its volumes back to the snapshot, stopping the service first and starting it again
     * after if it ran. zfs refuses when newer snapshots exist (it never destroys them): the error names them.
     */
    public boolean rollback(String service, String name) {
        checkName(name);
        DatasetName ds = existing(service);
        if (!zfs.exists(ds.snapshot(name))) {
            throw new SvcctlException(SvcctlException.Kind.NOT_FOUND, "service " + service + " has no snapshot '"
                    + name + "' (see 'svcctl snapshots " + service + "')");
        }
        ServiceManager manager = new ServiceManager(host, host.serviceFiles());
        boolean running = manager.status(service).state().equals("active");
        if (running) {
            manager.stop(service);
        }
        List<DatasetName> tree = new ArrayList<>(List.of(ds));
        tree.addAll(zfs.listChildren(ds, 32));
        try {
            for (DatasetName d : tree) {
                if (zfs.exists(d.snapshot(name))) {
                    zfs.rollback(d.snapshot(name));
                }
            }
        } finally {
            if (running) {
                manager.start(service);
            }
        }
        return running;
    }
}
