package io.svcctl.units;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rule that turns a service's published ports into units, by network mode:
 * <table>
 *   <caption>published port handling</caption>
 *   <tr><th>mode</th><th>same number (80:80)</th><th>other number (8080:80)</th><th>UDP</th></tr>
 *   <tr><td>HOST</td><td>nothing: the service listens on the host port itself</td>
 *       <td>socket + proxy to 127.0.0.1:80</td><td>same number only</td></tr>
 *   <tr><td>ISOLATED</td><td colspan="2">socket + proxy inside the container's namespace to 127.0.0.1:80</td>
 *       <td>refused</td></tr>
 * </table>
 * UDP cannot be proxied (systemd-socket-proxyd is TCP only), hence the refusals.
 *
 * @param direct   ports the container serves on the host by itself (HOST mode, same number)
 * @param forwards ports served through a socket unit and a proxy
 */
public record PortPlan(ServiceName service, NetworkMode mode, List<PublishedPort> direct, List<PortForward> forwards) {

    public PortPlan {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(mode, "mode");
        direct = List.copyOf(direct);
        forwards = List.copyOf(forwards);
    }

    public static PortPlan none(ServiceName service, NetworkMode mode) {
        return new PortPlan(service, mode, List.of(), List.of());
    }

    public static PortPlan of(ServiceName service, NetworkMode mode, List<PublishedPort> ports) {
        Set<String> seen = new HashSet<>();
        List<PublishedPort> direct = new ArrayList<>();
        List<PortForward> forwards = new ArrayList<>();
        for (PublishedPort p : ports) {
            if (!seen.add(p.hostPort() + "/" + p.protocol().word())) {
                throw refuse(service, p, "host port " + p.hostPort() + "/" + p.protocol().word() + " is published twice");
            }
            boolean tcp = p.protocol() == PublishedPort.Protocol.TCP;
            if (mode == NetworkMode.HOST && p.hostPort() == p.containerPort()) {
                direct.add(p);
            } else if (tcp) {
                forwards.add(new PortForward(service, mode, p));
            } else if (mode == NetworkMode.HOST) {
                throw refuse(service, p, "on the host's network the container's UDP port " + p.containerPort()
                        + " is already host port " + p.containerPort() + ", and a different host port would need a"
                        + " proxy, which exists for TCP only; publish it as " + p.containerPort() + ":"
                        + p.containerPort() + "/udp");
            } else {
                throw refuse(service, p, "an isolated network reaches the host only through systemd-socket-proxyd,"
                        + " which forwards TCP only; run a UDP service on the host network");
            }
        }
        return new PortPlan(service, mode, direct, forwards);
    }

    /** The socket and proxy units of every forward, sockets first. */
    public List<UnitFile> unitFiles() {
        List<UnitFile> files = new ArrayList<>();
        for (PortForward f : forwards) {
            files.add(f.socketUnit());
            files.add(f.proxyUnit());
        }
        return files;
    }

    private static IllegalArgumentException refuse(ServiceName service, PublishedPort p, String why) {
        return new IllegalArgumentException("while planning the ports of service " + service + ": cannot publish "
                + p + ": " + why);
    }
}
