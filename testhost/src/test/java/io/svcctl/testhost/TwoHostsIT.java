package io.svcctl.testhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svcctl.exec.Command;
import io.svcctl.exec.LocalCommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The harness itself: two booted systemd hosts, each with its own zfs-fuse pool and address, reaching each
 * other by ssh, running nested containers; and after teardown nothing of theirs is left on the machine.
 */
@Hosts(value = 2, svcctl = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoHostsIT {
    private static final LocalCommandRunner OUTSIDE = new LocalCommandRunner();

    @Test
    @Order(1)
    void bothHostsRunSystemdUnderTheirOwnName(List<TestHost> hosts) {
        assertThat(hosts).hasSize(2);
        for (TestHost host : hosts) {
            String state = host.exec("systemctl", "is-system-running").stdout().strip();
            assertThat(state).as("system state of %s", host).isIn("running", "degraded");
            assertThat(host.execOk("cat", "/proc/1/comm").strip()).isEqualTo("systemd");
            assertThat(host.execOk("hostname").strip()).isEqualTo(host.name());
            assertThat(host.execOk("ip", "-4", "-o", "addr", "show", "host0")).contains(host.address() + "/24");
        }
        assertThat(hosts.get(0).address()).isNotEqualTo(hosts.get(1).address());
        assertThat(hosts.get(0).execOk("cat", "/etc/machine-id"))
                .isNotEqualTo(hosts.get(1).execOk("cat", "/etc/machine-id"));
    }

    @Test
    @Order(2)
    void eachHostHasItsOwnPool(List<TestHost> hosts) throws IOException {
        for (TestHost host : hosts) {
            assertThat(host.execOk("zpool", "list", "-H", "-o", "name,health", "tank")).isEqualTo("tank\tONLINE\n");
            host.execOk("zfs", "create", "tank/x");
            host.execOk("sh", "-c", "echo hello from " + host.name() + " > /tank/x/file");
            assertThat(host.execOk("cat", "/tank/x/file")).isEqualTo("hello from " + host.name() + "\n");
            // the FUSE mount is visible from outside through the host's root
            assertThat(Files.readString(host.rootPath().resolve("tank/x/file"))).isEqualTo("hello from " + host.name() + "\n");
        }
    }

    @Test
    @Order(3)
    void hostsReachEachOtherByAddressOverSsh(List<TestHost> hosts) {
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);
        assertThat(a.execOk("ssh", "root@" + b.address(), "hostname").strip()).isEqualTo(b.name());
        assertThat(b.execOk("ssh", "root@" + a.address(), "hostname").strip()).isEqualTo(a.name());
    }

    @Test
    @Order(4)
    void nestedContainersRunAsSystemdUnits(TestHost host) {
        host.execOk("mkdir", "-p", "/var/lib/nested/bin", "/var/lib/nested/usr");
        host.execOk("cp", "/bin/busybox", "/var/lib/nested/bin/busybox");
        String out = host.execOk("systemd-run", "--wait", "--pipe", "--quiet", "systemd-nspawn", "--quiet",
                "-D", "/var/lib/nested", "-M", "nested", "/bin/busybox", "hostname");
        assertThat(out.strip()).isEqualTo("nested");
    }

    @Test
    @Order(5)
    void commandsRunWithACleanEnvironmentAndTheirOwnStdinAndExitCode(TestHost host) {
        String env = host.runner().run(Command.of("env").withEnv("GREETING", "hi")).stdoutText();
        assertThat(env.lines()).contains("GREETING=hi", "HOME=/root")
                .noneMatch(line -> line.startsWith("SVCCTL_TESTHOST_OWNER=") || line.startsWith("JAVA_HOME="));
        assertThat(host.runner().run(Command.of("cat").withStdin("piped".getBytes(StandardCharsets.UTF_8)))
                .stdoutText()).isEqualTo("piped");
        ExecResult failed = host.exec("sh", "-c", "echo out; echo err >&2; exit 7");
        assertThat(failed).isEqualTo(new ExecResult(7, "out\n", "err\n"));
        assertThatThrownBy(() -> host.execOk("false"))
                .hasMessageContaining("while running `false` in test host " + host.name())
                .hasMessageContaining("--- journal");
    }

    @Test
    @Order(6)
    void svcctlWithoutADistributionSaysHowToGetOne(TestHost host) {
        assertThatThrownBy(() -> host.svcctl("--version"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no svcctl distribution is mounted")
                .hasMessageContaining("svcctl.dist");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void teardownLeavesNothingBehind(TestHosts group) throws IOException {
        List<TestHost> hosts = group.hosts();
        group.close();

        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        String netns = outside("ip", "netns", "list");
        String links = outside("ip", "-o", "link", "show");
        for (TestHost host : hosts) {
            assertThat(ProcessHandle.of(host.leaderPid())).as("systemd of %s", host).isEmpty();
            assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                    .filter(line -> line.contains(host.directory().toString())))
                    .as("processes of %s", host).isEmpty();
            assertThat(mounts).as("mounts").doesNotContain(host.directory().toString());
            assertThat(host.directory()).as("host dir").doesNotExist();
            assertThat(netns).as("network namespaces").doesNotContainPattern("(?m)^svcth-" + host.name() + "\\b");
            assertThat(links).as("interfaces").doesNotContainPattern(": svcthv" + host.index() + "[@:]");
            for (Path cgroupRoot : List.of(Path.of("/sys/fs/cgroup/systemd"), Path.of("/sys/fs/cgroup/unified"),
                    Path.of("/sys/fs/cgroup"))) {
                assertThat(cgroupRoot.resolve("svcctl-testhost").resolve(host.name())).as("cgroup").doesNotExist();
            }
        }
    }

    private static String outside(String... argv) {
        return OUTSIDE.run(Command.of(argv)).stdoutText();
    }
}
