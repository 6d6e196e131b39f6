package io.svcctl.testhost;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandFailedException;
import io.svcctl.exec.CommandResult;
import io.svcctl.exec.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One booted test host: systemd as PID 1 with real D-Bus, journald and machined, a zfs-fuse pool {@code tank},
 * its own network namespace at {@link #address()} on the {@value #BRIDGE_ADDRESS}/24 bridge, root ssh between
 * hosts by key, and (when a distribution was given) svcctl at /opt/svcctl. Hosts are made by {@link TestHosts}.
 */
public final class TestHost {
    /** The outer machine on the hosts' bridge: where a registry fixture listens for them. */
    public static final String BRIDGE_ADDRESS = "10.231.0.1";
    static final Duration EXEC_TIMEOUT = Duration.ofMinutes(5);
    private static final String SVCCTL = "/opt/svcctl/bin/svcctl";
    private static final int FAILURE_JOURNAL_LINES = 40;

    private final String name;
    private final int index;
    private final String address;
    private final long leader;
    private final Optional<SvcctlDist> svcctl;
    private final TestHostScript script;
    private final CommandRunner runner;

    TestHost(TestHostScript script, String name, int index, String address, long leader,
             Optional<SvcctlDist> svcctl) {
        this.name = name;
        this.index = index;
        this.address = address;
        this.leader = leader;
        this.svcctl = svcctl;
        this.script = script;
        this.runner = new HostCommandRunner(script, name);
    }

    public String name() {
        return name;
    }

    /** The host's slot: its address is 10.231.0.(10 + index). */
    public int index() {
        return index;
    }

    /** The host's IPv4 address on the bridge, e.g. {@code 10.231.0.10}: other hosts ssh to {@code root@} it. */
    public String address() {
        return address;
    }

    /** The host's PID 1 (its systemd) as the outer machine sees it. */
    public long leaderPid() {
        return leader;
    }

    /** The host's root directory seen from outside, its mounts included (zfs-fuse datasets allow others). */
    public Path rootPath() {
        return Path.of("/proc", Long.toString(leader), "root");
    }

    /** The host's system bus for a D-Bus client running outside it (EXTERNAL auth as root works). */
    public String systemBusAddress() {
        return "unix:path=" + rootPath().resolve("run/dbus/system_bus_socket");
    }

    /** Where the harness keeps this host: its overlay, console log and bookkeeping. */
    public Path directory() {
        return TestHostScript.runDir().resolve("hosts").resolve(name);
    }

    /**
     * Runs commands inside this host, in all of its namespaces with a clean environment (PATH, HOME=/root,
     * LANG=C.UTF-8): give it to the code under test, e.g. {@code new Zfs(host.runner())}.
     */
    public CommandRunner runner() {
        return runner;
    }

    /**
     * The argv prefix that runs a command inside this host ({@code bash testhost.sh exec NAME --}). Environment
     * additions do not pass through it; {@link #runner()} carries them.
     */
    public List<String> execPrefix() {
        return script.command(List.of("exec", name, "--")).argv();
    }

    /** Runs argv inside the host and hands back what it did, a non-zero exit included. */
    public ExecResult exec(String... argv) {
        return exec(EXEC_TIMEOUT, argv);
    }

    public ExecResult exec(Duration timeout, String... argv) {
        CommandResult result;
        try {
            result = TestHostScript.runToExit(runner, Command.of(argv).withTimeout(timeout));
        } catch (CommandFailedException e) {
            throw new IllegalStateException("while running `" + String.join(" ", argv) + "` in test host " + name
                    + ": " + e.getMessage() + "\n--- journal\n" + journal(FAILURE_JOURNAL_LINES), e);
        }
        return new ExecResult(result.exitCode(), result.stdoutText(), result.stderrText());
    }

    /** Runs argv inside the host and returns its stdout; a non-zero exit fails with its output and the journal. */
    public String execOk(String... argv) {
        ExecResult result = exec(argv);
        if (!result.ok()) {
            throw new AssertionError("while running `" + String.join(" ", argv) + "` in test host " + name
                    + ": it exited with status " + result.exitCode()
                    + "\n--- stdout\n" + result.stdout() + "\n--- stderr\n" + result.stderr()
                    + "\n--- journal (last " + FAILURE_JOURNAL_LINES + " lines)\n" + journal(FAILURE_JOURNAL_LINES));
        }
        return result.stdout();
    }

    /** The last lines of the host's journal, or why they could not be read. */
    public String journal(int lines) {
        try {
            CommandResult result = runner.run(Command.of("journalctl", "--no-pager", "-n", Integer.toString(lines))
                    .withTimeout(Duration.ofSeconds(30)));
            return result.stdoutText() + result.stderrText();
        } catch (CommandFailedException e) {
            return "(journal unavailable: " + e.getMessage() + ")";
        }
    }

    /** Runs svcctl inside the host (the distribution mounted at /opt/svcctl); any exit is handed back. */
    public ExecResult svcctl(String... args) {
        return exec(svcctlArgv(args));
    }

    /** Like {@link #svcctl}, but a non-zero exit fails with its output and the journal. */
    public String svcctlOk(String... args) {
        return execOk(svcctlArgv(args));
    }

    private String[] svcctlArgv(String... args) {
        if (svcctl.isEmpty()) {
            throw new IllegalStateException("while running svcctl in test host " + name + ": no svcctl distribution "
                    + "is mounted there. " + SvcctlDist.HOW_TO_SET);
        }
        List<String> argv = new ArrayList<>(List.of(SVCCTL));
        argv.addAll(List.of(args));
        return argv.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return name + "@" + address;
    }
}
