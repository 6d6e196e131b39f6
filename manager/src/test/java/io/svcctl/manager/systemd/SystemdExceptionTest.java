package io.svcctl.manager.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import io.svcctl.manager.SvcctlException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SystemdExceptionTest {

    @Test
    void busErrorSaysWhatWasDoneWhyAndWhatToDo() {
        SystemdException e = SystemdException.fromBusError("starting svcctl-web.service",
                "org.freedesktop.systemd1.NoSuchUnit", "Unit svcctl-web.service not found.", null);

        assertThat(e).hasMessage("while starting svcctl-web.service: org.freedesktop.systemd1.NoSuchUnit:"
                + " Unit svcctl-web.service not found; check the unit name; a unit file written just now needs"
                + " a daemon-reload first");
        assertThat(e.action()).isEqualTo("starting svcctl-web.service");
        assertThat(e.busErrorName()).contains("org.freedesktop.systemd1.NoSuchUnit");
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @ParameterizedTest
    @CsvSource({
        "org.freedesktop.systemd1.NoSuchUnit, NOT_FOUND",
        "org.freedesktop.machine1.NoSuchMachine, NOT_FOUND",
        "org.freedesktop.DBus.Error.InvalidArgs, INVALID",
        "org.freedesktop.DBus.Error.AccessDenied, UNAVAILABLE",
        "org.freedesktop.DBus.Error.ServiceUnknown, UNAVAILABLE",
        "org.freedesktop.DBus.Error.UnknownMethod, UNSUPPORTED",
        "org.freedesktop.systemd1.UnitMasked, FAILED"})
    void busErrorDecidesTheKind(String busErrorName, Kind kind) {
        assertThat(SystemdException.fromBusError("starting a.service", busErrorName, "m", null).kind())
                .isEqualTo(kind);
    }

    @Test
    void unknownBusErrorHasNoHint() {
        SystemdException e = SystemdException.fromBusError("stopping a.service",
                "org.freedesktop.systemd1.UnitMasked", "Unit a.service is masked.", null);

        assertThat(e).hasMessage("while stopping a.service: org.freedesktop.systemd1.UnitMasked:"
                + " Unit a.service is masked.");
    }

    @Test
    void errorWithoutNameOrMessageStillReads() {
        SystemdException e = SystemdException.fromBusError("reloading systemd's unit files", null, " ", null);

        assertThat(e).hasMessage("while reloading systemd's unit files: the D-Bus call failed");
        assertThat(e.busErrorName()).isEmpty();
    }

    @Test
    void callThatCouldNotBeMadeSaysWhy() {
        SystemdException e = SystemdException.fromBusError("starting a.service", null, "Not Connected", null);

        assertThat(e).hasMessage("while starting a.service: Not Connected");
        assertThat(e.kind()).isEqualTo(Kind.FAILED);
    }

    @Test
    void localFailureHasNoBusErrorName() {
        SystemdException e = new SystemdException("starting a.service", "job /j/1 did not finish within 1s");

        assertThat(e).hasMessage("while starting a.service: job /j/1 did not finish within 1s");
        assertThat(e.busErrorName()).isEmpty();
        assertThat(e.kind()).isEqualTo(Kind.FAILED);
    }
}
