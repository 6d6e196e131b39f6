package io.svcctl.manager.service;

import io.svcctl.manager.systemd.MachineInfo;
import io.svcctl.manager.systemd.UnitStatus;
import java.time.Instant;

/**
 * A service as {@code svcctl status} and {@code list} show it: its spec, what systemd and machined say of it,
 * and its disk use.
 */
public record ServiceView(String name, String unit, String state, String subState, String result,
                          String image, Instant since, Long mainPid, Long memoryBytes, Long cpuNanos,
                          Long restarts, long diskBytes, boolean machineRegistered, ServiceSpec spec) {
    static ServiceView of(ServiceSpec spec, UnitStatus unit, MachineInfo machine, long diskBytes) {
        return new ServiceView(spec.name(), unit.name(), unit.activeState(), unit.subState(), unit.result(),
                spec.imageReference(), unit.isActive() ? unit.activeEnterTimestamp() : null, unit.mainPid(),
                unit.memoryCurrent(), unit.cpuUsageNSec(), unit.nRestarts(), diskBytes, machine != null, spec);
    }

    /** A service whose dataset or spec cannot be read; {@code result} says why. */
    static ServiceView damaged(String name, String unit, String why) {
        return new ServiceView(name, unit, "damaged", "-", why, "-", null, null, null, null, null, 0, false, null);
    }
}
