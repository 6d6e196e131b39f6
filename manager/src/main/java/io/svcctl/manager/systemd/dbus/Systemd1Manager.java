package io.svcctl.manager.systemd.dbus;

import java.util.List;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;

/** {@code org.freedesktop.systemd1.Manager} at {@code /org/freedesktop/systemd1}. */
@DBusInterfaceName(Systemd1Manager.INTERFACE)
public interface Systemd1Manager extends DBusInterface {

    String BUS_NAME = "org.freedesktop.systemd1";
    String OBJECT_PATH = "/org/freedesktop/systemd1";
    String INTERFACE = "org.freedesktop.systemd1.Manager";
    String UNIT_INTERFACE = "org.freedesktop.systemd1.Unit";
    String SERVICE_INTERFACE = "org.freedesktop.systemd1.Service";

    /** Without a subscriber systemd emits no JobRemoved; it unsubscribes us when we disconnect. */
    @DBusMemberName("Subscribe")
    void subscribe();

    /** daemon-reload: re-reads every unit file. Returns once the reload is complete. */
    @DBusMemberName("Reload")
    void reload();

    /** Queues a start job; returns the job's object path at once. */
    @DBusMemberName("StartUnit")
    DBusPath startUnit(String name, String mode);

    @DBusMemberName("StopUnit")
    DBusPath stopUnit(String name, String mode);

    @DBusMemberName("RestartUnit")
    DBusPath restartUnit(String name, String mode);

    @DBusMemberName("ResetFailedUnit")
    void resetFailedUnit(String name);

    /** Fails with NoSuchUnit when the unit is not loaded. */
    @DBusMemberName("GetUnit")
    DBusPath getUnit(String name);

    /** Loads the unit if needed; a unit without a file comes back with LoadState "not-found". */
    @DBusMemberName("LoadUnit")
    DBusPath loadUnit(String name);

    /** Out: whether any file had an [Install] section (else nothing was enabled), and the changes made. */
    @DBusMemberName("EnableUnitFiles")
    Pair<Boolean, List<UnitFileChangeStruct>> enableUnitFiles(List<String> files, boolean runtime, boolean force);

    @DBusMemberName("DisableUnitFiles")
    List<UnitFileChangeStruct> disableUnitFiles(List<String> files, boolean runtime);

    /** Empty {@code states} means any state; patterns are shell globs on unit names. */
    @DBusMemberName("ListUnitsByPatterns")
    List<UnitStruct> listUnitsByPatterns(List<String> states, List<String> patterns);

    /** Sent to subscribers when a job finishes, whatever its result (signature {@code uoss}). */
    class JobRemoved extends DBusSignal {
        private final UInt32 id;
        private final DBusPath job;
        private final String unit;
        private final String result;

        public JobRemoved(String path, UInt32 id, DBusPath job, String unit, String result) throws DBusException {
            super(path, id, job, unit, result);
            this.id = id;
            this.job = job;
            this.unit = unit;
            this.result = result;
        }

        public UInt32 getId() {
            return id;
        }

        public DBusPath getJob() {
            return job;
        }

        public String getUnit() {
            return unit;
        }

        public String getResult() {
            return result;
        }
    }
}
