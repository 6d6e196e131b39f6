package io.svcctl.manager.service;

import io.svcctl.units.NetworkMode;
import io.svcctl.units.PublishedPort;
import io.svcctl.units.Restart;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command-line forms of spec values, as Docker users write them. Pure. */
public final class SpecSyntax {
    private static final Pattern PORT = Pattern.compile("(?:(\\d{1,5}):)?(\\d{1,5})(?:/(tcp|udp))?");

    private SpecSyntax() {
    }

    /** {@code HOST:CONTAINER[/tcp|udp]}, or {@code PORT[/proto]} for the same number on both sides. */
    public static PublishedPort port(String s) {
        Matcher m = PORT.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a port mapping: '" + s
                    + "' (want HOST:CONTAINER[/tcp|udp], e.g. 8080:80)");
        }
        int container = Integer.parseInt(m.group(2));
        int host = m.group(1) == null ? container : Integer.parseInt(m.group(1));
        return new PublishedPort(host, container,
                "udp".equals(m.group(3)) ? PublishedPort.Protocol.UDP : PublishedPort.Protocol.TCP);
    }

    /** {@code host} or {@code isolated}. */
    public static NetworkMode network(String s) {
        for (NetworkMode m : NetworkMode.values()) {
            if (m.name().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("network mode '" + s + "' is not one of host, isolated");
    }

    /** systemd's own Restart= words: no, on-failure, on-abnormal, always, ... */
    public static Restart restart(String s) {
        for (Restart r : Restart.values()) {
            if (r.word().equals(s.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("restart policy '" + s + "' is not one of no, on-success, on-failure, "
                + "on-abnormal, on-watchdog, on-abort, always");
    }
}
