package io.svcctl.units;

import java.util.Objects;

/**
 * One published TCP port served by socket activation: {@code svcctl-<svc>_port-<host>.socket} listens on the
 * host port (all addresses, loopback included, IPv4 and IPv6) and starts {@code svcctl-<svc>_port-<host>.service},
 * which runs systemd-socket-proxyd to {@code 127.0.0.1:<container port>}. In {@link NetworkMode#ISOLATED} the
 * proxy joins the container unit's network namespace, where that loopback address is the container's.
 *
 * <p>This is why svcctl does not use nspawn's own {@code --port}: it needs a private network with addresses,
 * and its NAT rules do not answer on the host's loopback (systemd/systemd#6106).
 */
public record PortForward(ServiceName service, NetworkMode mode, PublishedPort port) {
    /** Debian keeps it here; merged-/usr systems reach the same file through the /lib symlink. */
    public static final String PROXY = "/lib/systemd/systemd-socket-proxyd";

    public PortForward {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(mode, "mode");
        if (port.protocol() != PublishedPort.Protocol.TCP) {
            throw new IllegalArgumentException("port " + port + ": systemd-socket-proxyd forwards TCP only");
        }
    }

    public UnitName socketName() {
        return service.helperUnit(role(), UnitType.SOCKET);
    }

    public UnitName proxyName() {
        return service.helperUnit(role(), UnitType.SERVICE);
    }

    public UnitFile socketUnit() {
        return UnitFile.builder(socketName().value(), Syntax.UNIT)
                .header(Generated.notice(service))
                .section("Unit")
                .add("Description", Value.text("svcctl " + service + ": host port " + port.hostPort()
                        + " to container port " + port.containerPort()))
                .add("PartOf", Value.text(service.unitName().value()))
                .section("Socket")
                .add("ListenStream", Value.text(Integer.toString(port.hostPort())))
                // both families whatever net.ipv6.bindv6only says, so 127.0.0.1 and ::1 both answer
                .add("BindIPv6Only", Value.verbatim("both"))
                .build();
    }

    public UnitFile proxyUnit() {
        UnitFile.Builder b = UnitFile.builder(proxyName().value(), Syntax.UNIT)
                .header(Generated.notice(service))
                .section("Unit")
                .add("Description", Value.text("svcctl " + service + ": proxy from host port " + port.hostPort()
                        + " to container port " + port.containerPort()))
                .add("BindsTo", Value.text(service.unitName().value()))
                .add("After", Value.text(service.unitName().value()))
                .add("Requires", Value.text(socketName().value()))
                .add("After", Value.text(socketName().value()));
        if (mode == NetworkMode.ISOLATED) {
            b.add("JoinsNamespaceOf", Value.text(service.unitName().value()));
        }
        b.section("Service")
                .add("ExecStart", Value.command(PROXY, "127.0.0.1:" + port.containerPort()));
        if (mode == NetworkMode.ISOLATED) {
            b.add("PrivateNetwork", Value.bool(true));
        }
        return b.build();
    }

    private String role() {
        return "port-" + port.hostPort();
    }
}
