package io.svcctl.manager.systemd;

import java.time.Instant;
import java.util.Objects;

/**
 * What systemd reports about one unit. The service fields are null for units that are not services
 * and whenever systemd does not know the value (no main process, accounting off, never active).
 *
 * @param name                 the unit name
 * @param loadState            loaded, not-found, bad-setting, error, masked
 * @param activeState          active, reloading, inactive, failed, activating, deactivating, ...
 * @param subState             the type-specific state, for example running, exited, dead, auto-restart
 * @param result               the service's last result: success, exit-code, signal, core-dump, timeout, ...
 * @param mainPid              the main process, as seen by the host
 * @param nRestarts            how often Restart= restarted the service since it was last started by hand
 * @param execMainStatus       exit status (or signal number) of the last main process
 * @param memoryCurrent        bytes of memory the unit's cgroup uses
 * @param cpuUsageNSec         CPU time the unit's cgroup used, in nanoseconds
 * @param activeEnterTimestamp when the unit last became active
 * @param invocationId         the 128-bit id of the current or last run, as 32 hex digits
 */
public record UnitStatus(
        String name,
        String loadState,
        String activeState,
        String subState,
        String result,
        Long mainPid,
        Long nRestarts,
        Integer execMainStatus,
        Long memoryCurrent,
        Long cpuUsageNSec,
        Instant activeEnterTimestamp,
        String invocationId) {

    public UnitStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(loadState, "loadState");
        Objects.requireNonNull(activeState, "activeState");
        Objects.requireNonNull(subState, "subState");
    }

    /** systemd has a unit file for it (LoadState "loaded"). */
    public boolean isLoaded() {
        return "loaded".equals(loadState);
    }

    public boolean isActive() {
        return "active".equals(activeState);
    }

    public boolean isFailed() {
        return "failed".equals(activeState);
    }
}
