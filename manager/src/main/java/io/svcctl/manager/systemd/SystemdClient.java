package io.svcctl.manager.systemd;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.svcctl.manager.SvcctlException;
import io.svcctl.manager.systemd.dbus.Machine1Manager;
import io.svcctl.manager.systemd.dbus.MachineStruct;
import io.svcctl.manager.systemd.dbus.Pair;
import io.svcctl.manager.systemd.dbus.Systemd1Manager;
import io.svcctl.manager.systemd.dbus.UnitFileChangeStruct;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * svcctl's client for systemd (org.freedesktop.systemd1) and systemd-machined
 * (org.freedesktop.machine1) over one private D-Bus connection.
 *
 * <p>Job methods (start, stop, restart) queue the job, wait for its JobRemoved signal and return how
 * it ended; a job that does not end within the client's job timeout is a {@link SystemdException}.
 * Every failure is a {@link SystemdException} saying what was being done. Enabling or disabling unit
 * files, like writing them, takes effect after {@link #reload()}.
 *
 * <p>Thread-safe; close it to drop the connection (systemd then forgets the subscription).
 */
public final class SystemdClient implements AutoCloseable {

    /** Long enough for services with slow start-up; callers with other needs pass their own. */
    public static final Duration DEFAULT_JOB_TIMEOUT = Duration.ofMinutes(2);

    private static final String NO_SUCH_MACHINE = "org.freedesktop.machine1.NoSuchMachine";
    private static final String UNKNOWN_OBJECT = "org.freedesktop.DBus.Error.UnknownObject";

    private final DBusConnection connection;
    private final JobWaiter jobs;
    private final Duration jobTimeout;
    private final Systemd1Manager systemd;
    private final Machine1Manager machined;

    private SystemdClient(DBusConnection connection, JobWaiter jobs, Duration jobTimeout) throws DBusException {
        this.connection = connection;
        this.jobs = jobs;
        this.jobTimeout = jobTimeout;
        this.systemd = NamedErrorProxy.create(connection, Systemd1Manager.BUS_NAME, Systemd1Manager.OBJECT_PATH,
                Systemd1Manager.class);
        this.machined = NamedErrorProxy.create(connection, Machine1Manager.BUS_NAME, Machine1Manager.OBJECT_PATH,
                Machine1Manager.class);
        // only systemd's own JobRemoved counts: any client may emit a signal of that name. The handler
        // just hands it over, since dbus-java runs all handlers on one thread.
        connection.addSigHandler(Systemd1Manager.JobRemoved.class,
                uniqueNameOfSystemd(connection),
                signal -> jobs.jobRemoved(signal.getJob().getPath(), signal.getUnit(), signal.getResult()));
        // only after the handler is in place, or a job could end unseen
        call("subscribing to systemd's job signals", () -> {
            systemd.subscribe();
            return null;
        });
    }

    /** Connects to the system bus (or the one named by DBUS_SYSTEM_BUS_ADDRESS). */
    public static SystemdClient connectSystemBus(Duration jobTimeout) {
        return connect("the system bus", DBusConnectionBuilder.forSystemBus(), jobTimeout);
    }

    /**
     * Connects to the bus at a D-Bus address, for example
     * {@code unix:path=/proc/<pid>/root/run/dbus/system_bus_socket} for another host's system bus.
     */
    public static SystemdClient connect(String busAddress, Duration jobTimeout) {
        Objects.requireNonNull(busAddress, "busAddress");
        return connect("the bus at " + busAddress, DBusConnectionBuilder.forAddress(busAddress), jobTimeout);
    }

    private static SystemdClient connect(String bus, DBusConnectionBuilder builder, Duration jobTimeout) {
        Objects.requireNonNull(jobTimeout, "jobTimeout");
        JobWaiter jobs = new JobWaiter();
        String action = "connecting to systemd on " + bus;
        DBusConnection connection;
        try {
            connection = builder.withShared(false)
                    .withDisconnectCallback(new FailWaitsOnDisconnect(jobs))
                    .build();
        } catch (DBusException | DBusExecutionException e) {
            throw new SystemdException(SvcctlException.Kind.UNAVAILABLE, action, e.getMessage()
                    + "; is D-Bus running there, and are you root?", e);
        }
        try {
            return new SystemdClient(connection, jobs, jobTimeout);
        } catch (DBusException e) {
            closeQuietly(connection, e);
            throw new SystemdException(SvcctlException.Kind.UNAVAILABLE, action, e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection, e);
            throw e;
        }
    }

    /** daemon-reload: systemd re-reads all unit files; returns when it has. */
    public void reload() {
        call("reloading systemd's unit files", () -> {
            systemd.reload();
            return null;
        });
    }

    /** Starts the unit and waits for the start job to end. */
    public JobResult start(String unit, JobMode mode) {
        return runJob("starting", unit, mode, systemd::startUnit);
    }

    /** Stops the unit and waits for the stop job to end. */
    public JobResult stop(String unit, JobMode mode) {
        return runJob("stopping", unit, mode, systemd::stopUnit);
    }

    /** Restarts the unit (starts it if stopped) and waits for the job to end. */
    public JobResult restart(String unit, JobMode mode) {
        return runJob("restarting", unit, mode, systemd::restartUnit);
    }

    /** Forgets a unit's failed state and its restart counter, as {@code systemctl reset-failed}. */
    public void resetFailed(String unit) {
        call("resetting the failed state of " + unit, () -> {
            systemd.resetFailedUnit(unit);
            return null;
        });
    }

    /**
     * Enables unit files (creates the symlinks their [Install] sections ask for).
     *
     * @param unitFiles unit names, or absolute paths of unit files outside the search path
     * @param runtime   under /run (lost at reboot) instead of /etc
     * @throws SystemdException also when none of the files has an [Install] section, so nothing changed
     */
    public List<UnitFileChange> enable(List<String> unitFiles, boolean runtime) {
        String action = "enabling " + String.join(", ", unitFiles);
        Pair<Boolean, List<UnitFileChangeStruct>> reply =
                call(action, () -> systemd.enableUnitFiles(unitFiles, runtime, false));
        if (!reply.getFirst()) {
            throw new SystemdException(action, "the unit files have no [Install] section, so there is nothing"
                    + " to enable; add one (for example WantedBy=multi-user.target)");
        }
        return reply.getSecond().stream().map(PropertyMapping::unitFileChange).toList();
    }

    /** Disables unit files (removes the symlinks enabling created). */
    public List<UnitFileChange> disable(List<String> unitFiles, boolean runtime) {
        String action = "disabling " + String.join(", ", unitFiles);
        return call(action, () -> systemd.disableUnitFiles(unitFiles, runtime)).stream()
                .map(PropertyMapping::unitFileChange)
                .toList();
    }

    /**
     * The unit's current state. A unit without a unit file is not an error: its LoadState is
     * "not-found".
     */
    public UnitStatus status(String unit) {
        String action = "reading the status of " + unit;
        String path = call(action, () -> systemd.loadUnit(unit)).getPath();
        Properties properties = NamedErrorProxy.create(connection, Systemd1Manager.BUS_NAME, path, Properties.class);
        Map<String, Variant<?>> unitProperties = call(action, () -> properties.GetAll(Systemd1Manager.UNIT_INTERFACE));
        Map<String, Variant<?>> serviceProperties = unit.endsWith(".service")
                ? call(action, () -> properties.GetAll(Systemd1Manager.SERVICE_INTERFACE))
                : Map.of();
        return mapped(action, () -> PropertyMapping.unitStatus(unitProperties, serviceProperties));
    }

    /** The unit's ActiveState alone, for watching a unit closely: {@link #status} reads a few hundred properties. */
    public String activeState(String unit) {
        String action = "reading the state of " + unit;
        String path = call(action, () -> systemd.loadUnit(unit)).getPath();
        Properties properties = NamedErrorProxy.create(connection, Systemd1Manager.BUS_NAME, path, Properties.class);
        return call(action, () -> properties.<String>Get(Systemd1Manager.UNIT_INTERFACE, "ActiveState"));
    }

    /** Loaded units whose names match any of the shell globs, in any state. */
    public List<UnitSummary> listUnits(List<String> patterns) {
        String action = "listing units matching " + String.join(", ", patterns);
        return call(action, () -> systemd.listUnitsByPatterns(List.of(), patterns)).stream()
                .map(PropertyMapping::unitSummary)
                .toList();
    }

    /** The machine registered under this name with systemd-machined, if any. */
    public Optional<MachineInfo> machine(String name) {
        String action = "looking up machine " + name;
        Map<String, Variant<?>> machineProperties;
        try {
            DBusPath path = machined.getMachine(name);
            Properties properties =
                    NamedErrorProxy.create(connection, Machine1Manager.BUS_NAME, path.getPath(), Properties.class);
            machineProperties = properties.GetAll(Machine1Manager.MACHINE_INTERFACE);
        } catch (NamedErrorProxy.BusError e) {
            // no such machine, or it went away between the two calls (a container that ends at once)
            if (NO_SUCH_MACHINE.equals(e.name()) || UNKNOWN_OBJECT.equals(e.name())) {
                return Optional.empty();
            }
            throw busError(action, e);
        }
        return Optional.of(mapped(action, () -> PropertyMapping.machineInfo(machineProperties)));
    }

    /** Names of all machines registered with systemd-machined. */
    public List<String> machineNames() {
        return call("listing machines", machined::listMachines).stream()
                .map(MachineStruct::getName)
                .toList();
    }

    /** The IP addresses inside a machine that has its own network namespace. */
    public List<InetAddress> machineAddresses(String name) {
        String action = "reading the addresses of machine " + name;
        return mapped(action, () -> call(action, () -> machined.getMachineAddresses(name)).stream()
                .map(PropertyMapping::address)
                .toList());
    }

    @Override
    public void close() {
        jobs.close(new SystemdException("waiting for a systemd job", "the client was closed"));
        // the JobRemoved match rule goes with the connection: removing it first would be a round trip for nothing
        try {
            connection.close();
        } catch (IOException e) {
            throw new SystemdException("closing the D-Bus connection", e.getMessage(), e);
        }
    }

    private JobResult runJob(String verb, String unit, JobMode mode, BiFunction<String, String, DBusPath> method) {
        String action = verb + " " + unit;
        JobWaiter.Pending pending = jobs.track(() -> call(action, () -> method.apply(unit, mode.wireName())).getPath());
        JobWaiter.Removal removal;
        try {
            removal = jobs.await(pending, jobTimeout);
        } catch (TimeoutException e) {
            throw new SystemdException(action, "job " + pending.jobPath() + " did not finish within "
                    + jobTimeout.toSeconds() + "s; it may still be running (systemctl list-jobs)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SystemdException(action, "interrupted while waiting for job " + pending.jobPath(), e);
        }
        return mapped(action, () -> JobResult.fromWire(removal.result()));
    }

    private static <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (NamedErrorProxy.BusError e) {
            throw busError(action, e);
        }
    }

    private static SystemdException busError(String action, NamedErrorProxy.BusError e) {
        return SystemdException.fromBusError(action, e.name(), e.getMessage(), e);
    }

    /** A reply that does not have the documented shape is reported, not guessed around. */
    private static <T> T mapped(String action, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (IllegalArgumentException e) {
            throw new SystemdException(action, "unexpected reply: " + e.getMessage(), e);
        }
    }

    /** dbus-java filters signals by sender only on unique names (":1.4"), not on well-known ones. */
    private static String uniqueNameOfSystemd(DBusConnection connection) {
        try {
            return connection.getDBusOwnerName(Systemd1Manager.BUS_NAME);
        } catch (DBusExecutionException e) {
            throw new SystemdException(SvcctlException.Kind.UNAVAILABLE, "connecting to systemd",
                    "nobody owns " + Systemd1Manager.BUS_NAME + " on this bus (" + e.getMessage()
                            + "); is systemd the init system of this host?", e);
        }
    }

    private static void closeQuietly(DBusConnection connection, Exception primary) {
        try {
            connection.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    /** A broken connection will never deliver the awaited signals: fail the waits at once. */
    private record FailWaitsOnDisconnect(JobWaiter jobs) implements IDisconnectCallback {
        @Override
        public void disconnectOnError(IOException e) {
            jobs.close(new SystemdException("waiting for a systemd job", "the D-Bus connection broke: "
                    + e.getMessage(), e));
        }
    }
}
