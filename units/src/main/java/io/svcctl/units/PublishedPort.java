package io.svcctl.units;

import java.util.Locale;
import java.util.Objects;

/** A container port published on a host port. */
public record PublishedPort(int hostPort, int containerPort, Protocol protocol) {

    public enum Protocol {
        TCP, UDP;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PublishedPort {
        checkPort(hostPort, "host");
        checkPort(containerPort, "container");
        Objects.requireNonNull(protocol, "protocol");
    }

    public static PublishedPort tcp(int hostPort, int containerPort) {
        return new PublishedPort(hostPort, containerPort, Protocol.TCP);
    }

    public static PublishedPort udp(int hostPort, int containerPort) {
        return new PublishedPort(hostPort, containerPort, Protocol.UDP);
    }

    private static void checkPort(int port, String side) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(side + " port " + port + " is outside 1-65535");
        }
    }

    @Override
    public String toString() {
        return hostPort + ":" + containerPort + "/" + protocol.word();
    }
}
