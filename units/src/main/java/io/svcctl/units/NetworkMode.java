package io.svcctl.units;

/**
 * How a service's container is networked; decides how published ports are rendered (see {@link PortPlan}).
 */
public enum NetworkMode {
    /**
     * The container shares the host's network namespace: a port it listens on is a host port, on every host
     * address including loopback. Publishing a port under the same number needs nothing; publishing it under
     * another number adds a socket unit on the host port and a proxy to {@code 127.0.0.1:<container port>}.
     * With a user namespace the container cannot bind host ports below the host's
     * {@code net.ipv4.ip_unprivileged_port_start} (1024 by default): the host's network is not its own.
     */
    HOST,
    /**
     * The container unit gets {@code PrivateNetwork=yes}: a network namespace with only loopback, no way in or
     * out except published ports. Each published TCP port is a socket unit on the host whose proxy joins the
     * container's namespace ({@code JoinsNamespaceOf=}) and connects to {@code 127.0.0.1:<container port>}, the
     * pattern of systemd-socket-proxyd(8). No addresses, bridges or firewall rules are involved. The unit opens
     * ports below 1024 to unprivileged binds inside that namespace, so a user-namespaced container can listen on
     * port 80. The container reaches nothing outside, other services included.
     */
    ISOLATED
}
