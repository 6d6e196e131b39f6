package io.svcctl.manager.migrate;

import io.svcctl.manager.SvcctlException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ssh://[user@]host[:port]}, validated, and the ssh argv that reaches it. */
public record SshTarget(String user, String host, Integer port) {
    private static final Pattern FORM = Pattern.compile(
            "ssh://(?:([a-z_][a-z0-9_.-]{0,31})@)?([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]+\\])(?::([0-9]{1,5}))?/?");

    public SshTarget {
        if (port != null && (port < 1 || port > 65535)) {
            throw new SvcctlException(SvcctlException.Kind.INVALID, "ssh port " + port + " is not 1-65535");
        }
    }

    public static SshTarget parse(String url) {
        Matcher m = FORM.matcher(url);
        if (!m.matches()) {
            throw new SvcctlException(SvcctlException.Kind.INVALID, "target '" + url
                    + "' is not ssh://[user@]host[:port] (e.g. ssh://root@10.0.0.2)");
        }
        String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
        return new SshTarget(m.group(1), host, m.group(3) == null ? null : Integer.parseInt(m.group(3)));
    }

    /** The destination word, {@code user@host}. */
    public String destination() {
        return user == null ? host : user + "@" + host;
    }

    /** ssh without prompts, failing fast when the peer is unreachable or goes silent. */
    public List<String> sshArgv(List<String> extraOptions) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10",
                "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3"));
        if (port != null) {
            argv.addAll(List.of("-p", port.toString()));
        }
        for (String option : extraOptions) {
            argv.addAll(List.of("-o", option));
        }
        argv.add("--");
        argv.add(destination());
        return argv;
    }
}
