package io.svcctl.manager.systemd;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.svcctl.manager.systemd.dbus.AddressStruct;
import io.svcctl.manager.systemd.dbus.UnitFileChangeStruct;
import io.svcctl.manager.systemd.dbus.UnitStruct;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * Turns what the bus returns (property maps from Properties.GetAll, reply structs) into svcctl's
 * records. Pure: no bus access, so it is tested with hand-built maps.
 *
 * <p>A missing or mistyped required property is an {@link IllegalArgumentException} naming the
 * property; the client adds what it was doing.
 */
final class PropertyMapping {

    /** systemd's "unset" for unsigned 64-bit counters such as MemoryCurrent. */
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private PropertyMapping() {
    }

    /**
     * @param unit    properties of org.freedesktop.systemd1.Unit
     * @param service properties of org.freedesktop.systemd1.Service; empty for other unit types
     */
    static UnitStatus unitStatus(Map<String, Variant<?>> unit, Map<String, Variant<?>> service) {
        boolean isService = !service.isEmpty();
        return new UnitStatus(
                string(unit, "Id"),
                string(unit, "LoadState"),
                string(unit, "ActiveState"),
                string(unit, "SubState"),
                isService ? string(service, "Result") : null,
                isService ? pidOrNull(service, "MainPID") : null,
                isService ? uint32(service, "NRestarts") : null,
                isService ? int32(service, "ExecMainStatus") : null,
                isService ? uint64OrNull(service, "MemoryCurrent") : null,
                isService ? uint64OrNull(service, "CPUUsageNSec") : null,
                timestampOrNull(unit, "ActiveEnterTimestamp"),
                id128OrNull(unit, "InvocationID"));
    }

    /** @param machine properties of org.freedesktop.machine1.Machine */
    static MachineInfo machineInfo(Map<String, Variant<?>> machine) {
        return new MachineInfo(
                string(machine, "Name"),
                uint32(machine, "Leader"),
                string(machine, "Class"),
                string(machine, "Service"),
                string(machine, "Unit"),
                string(machine, "State"));
    }

    static UnitSummary unitSummary(UnitStruct s) {
        return new UnitSummary(s.getName(), s.getDescription(), s.getLoadState(), s.getActiveState(), s.getSubState());
    }

    static UnitFileChange unitFileChange(UnitFileChangeStruct s) {
        return new UnitFileChange(s.getType(), s.getFileName(), s.getDestination());
    }

    /** The family is implied by the length (4 or 16 bytes); anything else is rejected. */
    static InetAddress address(AddressStruct s) {
        try {
            return InetAddress.getByAddress(s.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("machine address of family " + s.getFamily() + " has "
                    + s.getAddress().length + " bytes, expected 4 or 16", e);
        }
    }

    static String string(Map<String, Variant<?>> props, String name) {
        return value(props, name, String.class);
    }

    static long uint32(Map<String, Variant<?>> props, String name) {
        return value(props, name, UInt32.class).longValue();
    }

    static int int32(Map<String, Variant<?>> props, String name) {
        return value(props, name, Integer.class);
    }

    /** A PID of 0 means "no such process". */
    static Long pidOrNull(Map<String, Variant<?>> props, String name) {
        long pid = uint32(props, name);
        return pid == 0 ? null : pid;
    }

    /** UINT64_MAX means "not known" (for example accounting is off). */
    static Long uint64OrNull(Map<String, Variant<?>> props, String name) {
        BigInteger v = value(props, name, UInt64.class).value();
        return v.equals(UINT64_MAX) ? null : v.longValueExact();
    }

    /** systemd timestamps are microseconds since the epoch; 0 means "never". */
    static Instant timestampOrNull(Map<String, Variant<?>> props, String name) {
        long micros = value(props, name, UInt64.class).longValue();
        return micros == 0 ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /**
     * A 128-bit id as 32 lowercase hex digits; an empty array means "none yet". dbus-java hands an
     * {@code ay} inside a variant over as a list of bytes.
     */
    static String id128OrNull(Map<String, Variant<?>> props, String name) {
        List<?> id = value(props, name, List.class);
        if (id.isEmpty()) {
            return null;
        }
        if (id.size() != 16) {
            throw new IllegalArgumentException("property " + name + " has " + id.size() + " bytes, expected 16");
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < bytes.length; i++) {
            if (!(id.get(i) instanceof Byte b)) {
                throw new IllegalArgumentException("property " + name + " is not a byte array");
            }
            bytes[i] = b;
        }
        return HexFormat.of().formatHex(bytes);
    }

    private static <T> T value(Map<String, Variant<?>> props, String name, Class<T> type) {
        Variant<?> v = props.get(name);
        if (v == null) {
            throw new IllegalArgumentException("property " + name + " is missing");
        }
        Object value = v.getValue();
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("property " + name + " has D-Bus type '" + v.getSig()
                    + "', expected " + type.getSimpleName());
        }
        return type.cast(value);
    }
}
