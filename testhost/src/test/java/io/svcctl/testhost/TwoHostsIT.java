package io.svcctl.testhost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: two booted systemd hosts, each with a zfs-fuse pool, reachable from each other by ssh. */
@Hosts(value = 2, svcctl = false)
class TwoHostsIT {
    @Test
    void bothHostsBootSystemd(List<TestHost> hosts) {
        for (TestHost host : hosts) {
            ExecResult state = host.exec("systemctl", "is-system-running");
            assertThat(state.stdout().strip()).as("system state of %s", host).isIn("running", "degraded");
            assertThat(host.execOk("cat", "/proc/1/comm").strip()).isEqualTo("systemd");
        }
    }

    @Test
    void eachHostHasItsOwnZfsPool(List<TestHost> hosts) {
        for (TestHost host : hosts) {
            host.execOk("zfs", "create", "tank/probe");
            host.execOk("sh", "-c", "echo hello from " + host.name() + " > /tank/probe/file");
            assertThat(host.execOk("cat", "/tank/probe/file")).isEqualTo("hello from " + host.name() + "\n");
            assertThat(host.execOk("zfs", "list", "-H", "-o", "name", "-r", "tank"))
                    .contains("tank/probe");
        }
    }

    @Test
    void oneHostReachesTheOtherBySsh(List<TestHost> hosts) {
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);
        assertThat(a.address()).isNotEqualTo(b.address());
        String remote = a.execOk("ssh", "-o", "ConnectTimeout=10", "root@" + b.address(), "hostname");
        assertThat(remote.strip()).isEqualTo(b.name());
    }

    @Test
    void aHostSeesOnlyItsOwnNetwork(List<TestHost> hosts) {
        String addresses = hosts.get(0).execOk("ip", "-4", "-o", "addr", "show");
        assertThat(addresses).contains(hosts.get(0).address()).doesNotContain(hosts.get(1).address());
    }
}
