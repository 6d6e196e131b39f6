package io.svcctl.testhost;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One booted test host: systemd as PID 1, real D-Bus, a zfs-fuse pool {@code tank}, its own network
 * namespace at {@link #address()} on the 10.231.0.0/24 bridge, and (when built) svcctl at /opt/svcctl.
 */
public final class TestHost {
    /** Where the bridge (and the registry fixture, for hosts) answers. */
    public static final String BRIDGE_ADDRESS = "10.231.0.1";
    static final Duration BOOT_TIMEOUT = Duration.ofMinutes(15); // includes a first rootfs build
    static final Duration EXEC_TIMEOUT = Duration.ofMinutes(5);

    private final String name;
    private final String address;
    private final long leader;

    private TestHost(String name, String address, long leader) {
        this.name = name;
        this.address = address;
        this.leader = leader;
    }

    /**
     * Boots a host. {@code svcctlDist}, when not null, is a directory with bin/svcctl and lib/svcctl-all.jar,
     * mounted read-only at /opt/svcctl.
     */
    public static TestHost boot(String name, int index, Path svcctlDist) {
        List<String> args = new ArrayList<>(List.of("up", name, Integer.toString(index)));
        if (svcctlDist != null) {
            args.add("--bind-ro");
            args.add(svcctlDist.toAbsolutePath() + ":/opt/svcctl");
        }
        TestHostScript.run(BOOT_TIMEOUT, args.toArray(String[]::new));
        String address = TestHostScript.run(Duration.ofSeconds(10), "address", name).strip();
        long leader = Long.parseLong(TestHostScript.run(Duration.ofSeconds(10), "leader", name).strip());
        return new TestHost(name, address, leader);
    }

    /** Tears down every host of this and of earlier, interrupted runs, and the bridge. */
    public static void downAll() {
        TestHostScript.run(Duration.ofMinutes(2), "down-all");
    }

    public String name() {
        return name;
    }

    public String address() {
        return address;
    }

    /** The host's PID 1 as the outer machine sees it: nsenter -t it, or reach its files under /proc. */
    public long leaderPid() {
        return leader;
    }

    /** The host's root directory, seen from outside (its mounts included). */
    public Path rootPath() {
        return Path.of("/proc", Long.toString(leader), "root");
    }

    /** The host's system bus, for a D-Bus client running outside it (EXTERNAL auth as root works). */
    public String systemBusAddress() {
        return "unix:path=" + rootPath().resolve("run/dbus/system_bus_socket");
    }

    /** The argv prefix that runs a command inside this host. */
    public List<String> execPrefix() {
        return List.of("nsenter", "-t", Long.toString(leader), "-a", "env", "-i",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "LANG=C.UTF-8",
                "TERM=dumb");
    }

    public ExecResult exec(String... argv) {
        return exec(EXEC_TIMEOUT, argv);
    }

    public ExecResult exec(Duration timeout, String... argv) {
        List<String> full = new ArrayList<>(execPrefix());
        full.addAll(List.of(argv));
        return TestHostScript.exec(full, timeout);
    }

    /** Runs argv inside; a non-zero exit throws with its output and the host's journal tail. */
    public String execOk(String... argv) {
        ExecResult r = exec(argv);
        if (!r.ok()) {
            throw new AssertionError("in host " + name + ": `" + String.join(" ", argv) + "` exited " + r.exitCode()
                    + "\n--- stdout\n" + r.stdout() + "--- stderr\n" + r.stderr() + "--- journal\n" + journal(40));
        }
        return r.stdout();
    }

    /** Runs /opt/svcctl/bin/svcctl inside the host. */
    public ExecResult svcctl(String... args) {
        List<String> argv = new ArrayList<>(List.of("/opt/svcctl/bin/svcctl"));
        argv.addAll(List.of(args));
        return exec(argv.toArray(String[]::new));
    }

    /** Like {@link #svcctl} but a non-zero exit fails with its output and the journal. */
    public String svcctlOk(String... args) {
        List<String> argv = new ArrayList<>(List.of("/opt/svcctl/bin/svcctl"));
        argv.addAll(List.of(args));
        return execOk(argv.toArray(String[]::new));
    }

    public String journal(int lines) {
        ExecResult r = exec(Duration.ofSeconds(30), "journalctl", "--no-pager", "-n", Integer.toString(lines));
        return r.stdout() + r.stderr();
    }

    public void down() {
        TestHostScript.run(Duration.ofMinutes(2), "down", name);
    }

    @Override
    public String toString() {
        return name + "@" + address;
    }
}
