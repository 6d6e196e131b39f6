package io.svcctl.manager.systemd.dbus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** One entry of ListMachines, signature {@code (ssso)}: name, class, service, object path. */
public final class MachineStruct extends Struct {
    @Position(0)
    private final String name;
    @Position(1)
    private final String machineClass;
    @Position(2)
    private final String service;
    @Position(3)
    private final DBusPath path;

    public MachineStruct(String name, String machineClass, String service, DBusPath path) {
        this.name = name;
        this.machineClass = machineClass;
        this.service = service;
        this.path = path;
    }

    public String getName() {
        return name;
    }

    public String getMachineClass() {
        return machineClass;
    }

    public String getService() {
        return service;
    }

    public DBusPath getPath() {
        return path;
    }
}
