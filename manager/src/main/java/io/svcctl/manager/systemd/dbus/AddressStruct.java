package io.svcctl.manager.systemd.dbus;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** One address of GetMachineAddresses, signature {@code (iay)}: address family, address bytes. */
public final class AddressStruct extends Struct {
    @Position(0)
    private final int family;
    @Position(1)
    private final byte[] address;

    public AddressStruct(int family, byte[] address) {
        this.family = family;
        this.address = address;
    }

    public int getFamily() {
        return family;
    }

    public byte[] getAddress() {
        return address.clone();
    }
}
