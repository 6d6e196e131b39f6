package io.svcctl.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs every command through a prefix: {@code nsenter -t PID -a} to reach inside a test host, or
 * {@code ssh HOST} to reach another machine. Stdin, stdout, timeout and failures pass through unchanged,
 * and failures name the whole argv including the prefix.
 */
public final class PrefixedCommandRunner implements CommandRunner {

    private final CommandRunner delegate;
    private final List<String> prefix;
    private final boolean remoteShell;

    private PrefixedCommandRunner(CommandRunner delegate, List<String> prefix, boolean remoteShell) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("a prefix needs at least the program name");
        }
        this.delegate = delegate;
        this.prefix = List.copyOf(prefix);
        this.remoteShell = remoteShell;
    }

    /** Prepends {@code prefix} to every argv; the prefix program must exec its remaining arguments as an argv. */
    public static PrefixedCommandRunner prefixed(CommandRunner delegate, List<String> prefix) {
        return new PrefixedCommandRunner(delegate, prefix, false);
    }

    /** Runs commands in all namespaces of process {@code pid} (its mount, pid, network... namespaces). */
    public static PrefixedCommandRunner nsenter(CommandRunner delegate, long pid) {
        return prefixed(delegate, List.of("nsenter", "-t", Long.toString(pid), "-a"));
    }

    /**
     * Runs commands through ssh, e.g. {@code List.of("ssh", "-o", "BatchMode=yes", "root@host")}.
     * ssh hands the remote side one string that a shell parses, so the argv is quoted into that one
     * string here, and environment additions travel as {@code env NAME=VALUE} (ssh does not forward them).
     */
    public static PrefixedCommandRunner ssh(CommandRunner delegate, List<String> sshArgv) {
        return new PrefixedCommandRunner(delegate, sshArgv, true);
    }

    @Override
    public CommandResult run(Command command) {
        return delegate.run(wrap(command));
    }

    @Override
    public RunningProcess start(Command command) {
        return delegate.start(wrap(command));
    }

    Command wrap(Command command) {
        if (!remoteShell) {
            return command.withArgv(command.prefixedArgv(prefix));
        }
        List<String> remote = new ArrayList<>();
        if (!command.env().isEmpty()) {
            remote.add("env");
            for (Map.Entry<String, String> e : command.env().entrySet()) {
                remote.add(e.getKey() + "=" + e.getValue());
            }
        }
        remote.addAll(command.argv());
        List<String> argv = new ArrayList<>(prefix);
        argv.add(Argv.display(remote)); // starts with a program name, so ssh never takes it for an option
        return command.withoutEnv().withArgv(argv);
    }
}
