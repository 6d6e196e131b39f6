package io.svcctl.manager.systemd.dbus;

import java.util.List;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/** The two out arguments of EnableUnitFiles, signature {@code b a(sss)}. */
public final class EnableUnitFilesReply extends Tuple {
    @Position(0)
    private final boolean carriesInstallInfo;
    @Position(1)
    private final List<UnitFileChangeStruct> changes;

    public EnableUnitFilesReply(boolean carriesInstallInfo, List<UnitFileChangeStruct> changes) {
        this.carriesInstallInfo = carriesInstallInfo;
        this.changes = changes;
    }

    /** False when the unit file has no [Install] section, so enabling it did nothing. */
    public boolean isCarriesInstallInfo() {
        return carriesInstallInfo;
    }

    public List<UnitFileChangeStruct> getChanges() {
        return changes;
    }
}
