package io.svcctl.manager.systemd;

import java.util.Objects;

/**
 * A container or VM registered with systemd-machined.
 *
 * @param name         the machine name (for svcctl services, the service name)
 * @param leader       the PID of the machine's leader process (the container's init) on the host
 * @param machineClass "container" or "vm"
 * @param service      who registered it, for example "systemd-nspawn"
 * @param unit         the scope or service unit the machine runs in
 * @param state        opening, running or closing
 */
public record MachineInfo(String name, long leader, String machineClass, String service, String unit, String state) {

    public MachineInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(machineClass, "machineClass");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(state, "state");
    }
}
