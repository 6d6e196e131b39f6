package io.svcctl.manager.systemd.dbus;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** One change made by Enable/DisableUnitFiles, signature {@code (sss)}: type, file name, destination. */
public final class UnitFileChangeStruct extends Struct {
    @Position(0)
    private final String type;
    @Position(1)
    private final String fileName;
    @Position(2)
    private final String destination;

    public UnitFileChangeStruct(String type, String fileName, String destination) {
        this.type = type;
        this.fileName = fileName;
        this.destination = destination;
    }

    public String getType() {
        return type;
    }

    public String getFileName() {
        return fileName;
    }

    public String getDestination() {
        return destination;
    }
}
