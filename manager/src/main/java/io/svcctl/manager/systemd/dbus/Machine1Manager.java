package io.svcctl.manager.systemd.dbus;

import java.util.List;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** {@code org.freedesktop.machine1.Manager} at {@code /org/freedesktop/machine1}. */
@DBusInterfaceName(Machine1Manager.INTERFACE)
public interface Machine1Manager extends DBusInterface {

    String BUS_NAME = "org.freedesktop.machine1";
    String OBJECT_PATH = "/org/freedesktop/machine1";
    String INTERFACE = "org.freedesktop.machine1.Manager";
    String MACHINE_INTERFACE = "org.freedesktop.machine1.Machine";

    /** Fails with org.freedesktop.machine1.NoSuchMachine when no such machine is registered. */
    @DBusMemberName("GetMachine")
    DBusPath getMachine(String name);

    @DBusMemberName("ListMachines")
    List<MachineStruct> listMachines();

    /** Works for containers with their own network namespace; addresses as raw bytes per family. */
    @DBusMemberName("GetMachineAddresses")
    List<AddressStruct> getMachineAddresses(String name);
}
