package io.svcctl.manager.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --port HOST:CONTAINER[/tcp|udp]}, or just {@code PORT} for the same number on both sides. */
public record PortMapping(int hostPort, int containerPort, String protocol) {
    private static final Pattern FORM = Pattern.compile("(?:(\\d{1,5}):)?(\\d{1,5})(?:/(tcp|udp))?");

    public PortMapping {
        checkPort(hostPort);
        checkPort(containerPort);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new IllegalArgumentException("port protocol must be tcp or udp, not '" + protocol + "'");
        }
    }

    private static void checkPort(int p) {
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port " + p + " is outside 1-65535");
        }
    }

    public static PortMapping parse(String s) {
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a port mapping: '" + s + "' (want HOST:CONTAINER[/tcp|udp], e.g. 8080:80)");
        }
        int container = Integer.parseInt(m.group(2));
        int host = m.group(1) == null ? container : Integer.parseInt(m.group(1));
        return new PortMapping(host, container, m.group(3) == null ? "tcp" : m.group(3));
    }

    @Override
    public String toString() {
        return hostPort + ":" + containerPort + "/" + protocol;
    }
}
