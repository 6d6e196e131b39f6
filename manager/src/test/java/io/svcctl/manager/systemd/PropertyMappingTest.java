package io.svcctl.manager.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.svcctl.manager.systemd.dbus.AddressStruct;
import io.svcctl.manager.systemd.dbus.UnitFileChangeStruct;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

class PropertyMappingTest {

    private static final UInt64 UINT64_MAX = new UInt64(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
    private static final String INVOCATION = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    @Test
    void runningServiceMapsEveryField() {
        UnitStatus status = PropertyMapping.unitStatus(unit("active", "running"), service());

        assertThat(status).isEqualTo(new UnitStatus("svcctl-web.service", "loaded", "active", "running", "success",
                4242L, 3L, 0, 7_340_032L, 123_456_789L, Instant.parse("2026-11-23T19:40:00.123456Z"), INVOCATION));
        assertThat(status.isActive()).isTrue();
        assertThat(status.isLoaded()).isTrue();
        assertThat(status.isFailed()).isFalse();
    }

    @Test
    void unknownCountersAndAbsentProcessBecomeNull() {
        Map<String, Variant<?>> service = service();
        service.put("MainPID", new Variant<>(new UInt32(0)));
        service.put("MemoryCurrent", new Variant<>(UINT64_MAX));
        service.put("CPUUsageNSec", new Variant<>(UINT64_MAX));
        Map<String, Variant<?>> unit = unit("inactive", "dead");
        unit.put("ActiveEnterTimestamp", new Variant<>(new UInt64(0)));
        unit.put("InvocationID", bytes(new byte[0]));

        UnitStatus status = PropertyMapping.unitStatus(unit, service);

        assertThat(status.mainPid()).isNull();
        assertThat(status.memoryCurrent()).isNull();
        assertThat(status.cpuUsageNSec()).isNull();
        assertThat(status.activeEnterTimestamp()).isNull();
        assertThat(status.invocationId()).isNull();
    }

    @Test
    void unitsOtherThanServicesHaveNoServiceFields() {
        Map<String, Variant<?>> unit = unit("active", "active");
        unit.put("Id", new Variant<>("machines.target"));

        UnitStatus status = PropertyMapping.unitStatus(unit, Map.of());

        assertThat(status.name()).isEqualTo("machines.target");
        assertThat(status.result()).isNull();
        assertThat(status.mainPid()).isNull();
        assertThat(status.nRestarts()).isNull();
        assertThat(status.execMainStatus()).isNull();
    }

    @Test
    void failedServiceKeepsItsResult() {
        Map<String, Variant<?>> service = service();
        service.put("Result", new Variant<>("exit-code"));
        service.put("ExecMainStatus", new Variant<>(1));

        UnitStatus status = PropertyMapping.unitStatus(unit("failed", "failed"), service);

        assertThat(status.isFailed()).isTrue();
        assertThat(status.result()).isEqualTo("exit-code");
        assertThat(status.execMainStatus()).isEqualTo(1);
    }

    @Test
    void missingPropertyIsNamed() {
        Map<String, Variant<?>> unit = unit("active", "running");
        unit.remove("SubState");

        assertThatThrownBy(() -> PropertyMapping.unitStatus(unit, service()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("property SubState is missing");
    }

    @Test
    void mistypedPropertyIsNamedWithItsSignature() {
        Map<String, Variant<?>> service = service();
        service.put("NRestarts", new Variant<>("three"));

        assertThatThrownBy(() -> PropertyMapping.unitStatus(unit("active", "running"), service))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("property NRestarts has D-Bus type 's', expected UInt32");
    }

    @Test
    void invocationIdMustBe128Bits() {
        Map<String, Variant<?>> unit = unit("active", "running");
        unit.put("InvocationID", bytes(new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> PropertyMapping.unitStatus(unit, service()))
                .hasMessage("property InvocationID has 3 bytes, expected 16");
    }

    @Test
    void machineProperties() {
        Map<String, Variant<?>> machine = new HashMap<>();
        machine.put("Name", new Variant<>("web"));
        machine.put("Leader", new Variant<>(new UInt32(31337)));
        machine.put("Class", new Variant<>("container"));
        machine.put("Service", new Variant<>("systemd-nspawn"));
        machine.put("Unit", new Variant<>("svcctl-web.service"));
        machine.put("State", new Variant<>("running"));
        machine.put("RootDirectory", new Variant<>("/var/lib/svcctl/web/rootfs"));

        assertThat(PropertyMapping.machineInfo(machine)).isEqualTo(
                new MachineInfo("web", 31337L, "container", "systemd-nspawn", "svcctl-web.service", "running"));
    }

    @Test
    void unitFileChange() {
        assertThat(PropertyMapping.unitFileChange(new UnitFileChangeStruct("symlink",
                "/etc/systemd/system/multi-user.target.wants/a.service", "/etc/systemd/system/a.service")))
                .isEqualTo(new UnitFileChange("symlink", "/etc/systemd/system/multi-user.target.wants/a.service",
                        "/etc/systemd/system/a.service"));
    }

    @Test
    void machineAddressesByLength() throws Exception {
        assertThat(PropertyMapping.address(new AddressStruct(2, new byte[] {10, 0, 0, 2})))
                .isEqualTo(InetAddress.getByName("10.0.0.2"));
        assertThat(PropertyMapping.address(new AddressStruct(10, InetAddress.getByName("fd00::2").getAddress())))
                .isEqualTo(InetAddress.getByName("fd00::2"));
        assertThatThrownBy(() -> PropertyMapping.address(new AddressStruct(2, new byte[] {1, 2})))
                .hasMessage("machine address of family 2 has 2 bytes, expected 4 or 16");
    }

    private static Map<String, Variant<?>> unit(String activeState, String subState) {
        Map<String, Variant<?>> unit = new HashMap<>();
        unit.put("Id", new Variant<>("svcctl-web.service"));
        unit.put("LoadState", new Variant<>("loaded"));
        unit.put("ActiveState", new Variant<>(activeState));
        unit.put("SubState", new Variant<>(subState));
        unit.put("Description", new Variant<>("svcctl service web"));
        unit.put("ActiveEnterTimestamp", new Variant<>(new UInt64(
                Instant.parse("2026-11-23T19:40:00.123456Z").getEpochSecond() * 1_000_000L + 123_456L)));
        unit.put("InvocationID", bytes(HexFormat.of().parseHex(INVOCATION)));
        return unit;
    }

    /** An {@code ay} inside a variant, the way dbus-java delivers it: a list of bytes. */
    private static Variant<?> bytes(byte[] bytes) {
        List<Byte> list = new ArrayList<>();
        for (byte b : bytes) {
            list.add(b);
        }
        return new Variant<>(list, "ay");
    }

    private static Map<String, Variant<?>> service() {
        Map<String, Variant<?>> service = new HashMap<>();
        service.put("Result", new Variant<>("success"));
        service.put("MainPID", new Variant<>(new UInt32(4242)));
        service.put("NRestarts", new Variant<>(new UInt32(3)));
        service.put("ExecMainStatus", new Variant<>(0));
        service.put("MemoryCurrent", new Variant<>(new UInt64(7_340_032L)));
        service.put("CPUUsageNSec", new Variant<>(new UInt64(123_456_789L)));
        return service;
    }
}
