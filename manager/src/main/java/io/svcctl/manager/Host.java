package io.svcctl.manager;

import io.svcctl.exec.CommandRunner;
import io.svcctl.exec.LocalCommandRunner;
import io.svcctl.manager.service.ServiceFiles;
import io.svcctl.manager.service.ServiceStore;
import io.svcctl.manager.store.ImageStore;
import io.svcctl.manager.store.StorageLayout;
import io.svcctl.manager.systemd.SystemdClient;
import io.svcctl.zfs.Zfs;
import java.nio.file.Path;

/**
 * The effects svcctl works through on this host: the command runner, zfs, systemd, and the settings
 * {@code svcctl init} wrote. Made once per command; systemd is connected only when a command needs it.
 */
public final class Host implements AutoCloseable {
    /** Locks between svcctl processes; /run is cleared at boot, as stale locks should be. */
    public static final Path LOCKS = Path.of("/run/svcctl/locks");

    private final CommandRunner runner;
    private final Zfs zfs;
    private final Path settingsFile;
    private Settings settings;
    private SystemdClient systemd;
    private boolean closed;

    public Host(CommandRunner runner, Path settingsFile) {
        this.runner = runner;
        this.zfs = new Zfs(runner);
        this.settingsFile = settingsFile;
    }

    public static Host local() {
        return new Host(new LocalCommandRunner(), Settings.file());
    }

    public CommandRunner runner() {
        return runner;
    }

    public Zfs zfs() {
        return zfs;
    }

    public Path settingsFile() {
        return settingsFile;
    }

    public synchronized Settings settings() {
        if (settings == null) {
            settings = Settings.load(settingsFile);
        }
        return settings;
    }

    public StorageLayout layout() {
        return new StorageLayout(settings().rootDataset());
    }

    /** Where a dataset below the root is mounted (the root's mountpoint is inherited by the whole tree). */
    public Path mountpoint(io.svcctl.zfs.DatasetName dataset) {
        return Path.of(settings().mountpoint()).resolve(dataset.relativeTo(settings().rootDataset()));
    }

    public ImageStore images() {
        return new ImageStore(zfs, layout(), this::mountpoint, settings().uidShift(), LOCKS);
    }

    public ServiceStore services() {
        return new ServiceStore(zfs, runner, layout(), this::mountpoint, settings().uidShift());
    }

    public ServiceFiles serviceFiles() {
        ServiceStore services = services();
        return new ServiceFiles(ServiceFiles.UNIT_DIR, ServiceFiles.NSPAWN_DIR, services::rootfs,
                services::volumeDirectory, settings().uidShift());
    }

    public synchronized SystemdClient systemd() {
        if (closed) {
            throw new IllegalStateException("host closed");
        }
        if (systemd == null) {
            systemd = SystemdClient.connectSystemBus(SystemdClient.DEFAULT_JOB_TIMEOUT);
        }
        return systemd;
    }

    /**
     * Starts connecting to systemd on another thread, so that the connection (~0.1 s of a cold JVM) overlaps
     * the zfs and file work a command does first. A failure is not reported here: {@link #systemd()} reports it.
     */
    public void connectSystemdAhead() {
        Thread connect = new Thread(() -> {
            try {
                systemd();
            } catch (RuntimeException e) {
                // the command's own call to systemd() connects again and reports why it cannot
            }
        }, "systemd-connect");
        connect.setDaemon(true);
        connect.start();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (systemd != null) {
            systemd.close();
        }
    }
}
