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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The effects svcctl works through on this host: the command runner, zfs, systemd, and the settings
 * {@code svcctl init} wrote. Made once per command; systemd is connected only when a command needs it.
 */
public final class Host implements AutoCloseable {
    /** Locks between svcctl processes; /run is cleared at boot, as stale locks should be. */
    public static final Path LOCKS = Path.of("/run/svcctl/locks");
    private static final AtomicReference<Ahead> AHEAD = new AtomicReference<>();

    /** Work begun for the next {@link #local()} host (see {@link #prepareLocal}); systemd may be null. */
    private record Ahead(CompletableFuture<Settings> settings, CompletableFuture<SystemdClient> systemd) {
    }

    private final CommandRunner runner;
    private final Zfs zfs;
    private final Path settingsFile;
    private Settings settings;
    private CompletableFuture<Settings> settingsAhead;
    // its own lock: a command waiting for its systemd connection must not hold up settings()
    private final Object systemdLock = new Object();
    private SystemdClient systemd;
    private CompletableFuture<SystemdClient> systemdAhead;
    private boolean closed;

    public Host(CommandRunner runner, Path settingsFile) {
        this(runner, settingsFile, null);
    }

    private Host(CommandRunner runner, Path settingsFile, Ahead ahead) {
        this.runner = runner;
        this.zfs = new Zfs(runner);
        this.settingsFile = settingsFile;
        this.settingsAhead = ahead == null ? null : ahead.settings();
        this.systemdAhead = ahead == null ? null : ahead.systemd();
    }

    public static Host local() {
        return new Host(new LocalCommandRunner(), Settings.file(), AHEAD.getAndSet(null));
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
            settings = takeOr(settingsAhead, () -> Settings.load(settingsFile));
            settingsAhead = null;
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

    public SystemdClient systemd() {
        synchronized (systemdLock) {
            if (closed) {
                throw new IllegalStateException("host closed");
            }
            if (systemd == null) {
                systemd = takeOr(systemdAhead, () -> SystemdClient.connectSystemBus(SystemdClient.DEFAULT_JOB_TIMEOUT));
                systemdAhead = null;
            }
            return systemd;
        }
    }

    /**
     * Begins, on other threads, what the next {@link #local()} host will need: reading the settings and, with
     * {@code withSystemd}, connecting to systemd. The CLI calls it before it parses the command line, so this
     * work (~0.15 s of a cold JVM) overlaps the parsing. Failures are not reported here: the host does the
     * work again when it needs it, and reports why it cannot.
     */
    public static void prepareLocal(boolean withSystemd) {
        Ahead ahead = new Ahead(new CompletableFuture<>(), withSystemd ? new CompletableFuture<>() : null);
        if (!AHEAD.compareAndSet(null, ahead)) {
            return;
        }
        inBackground("svcctl-settings", ahead.settings(), () -> Settings.load(Settings.file()));
        if (withSystemd) {
            inBackground("svcctl-systemd-connect", ahead.systemd(),
                    () -> SystemdClient.connectSystemBus(SystemdClient.DEFAULT_JOB_TIMEOUT));
        }
    }

    private static <T> void inBackground(String name, CompletableFuture<T> result, Supplier<T> work) {
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The result of work begun ahead or, when there is none or it failed, of doing it now (its error counts). */
    private static <T> T takeOr(CompletableFuture<T> begun, Supplier<T> now) {
        if (begun != null) {
            try {
                return begun.join();
            } catch (CompletionException e) {
                // do it again below
            }
        }
        return now.get();
    }

    @Override
    public void close() {
        synchronized (systemdLock) {
            closed = true;
            if (systemd != null) {
                systemd.close();
            }
            if (systemdAhead != null) {
                systemdAhead.thenAccept(SystemdClient::close);
            }
        }
    }
}
