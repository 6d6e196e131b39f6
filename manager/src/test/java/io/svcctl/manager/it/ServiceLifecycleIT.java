package io.svcctl.manager.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.svcctl.testhost.ExecResult;
import io.svcctl.testhost.Hosts;
import io.svcctl.testhost.TestHost;
import io.svcctl.testhost.registry.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The main job, end to end in a real host: init, import from a registry, run a web service, remove it. */
@Hosts(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceLifecycleIT {
    private static RegistryFixture registry;

    @BeforeAll
    static void registry(TestHost host) throws Exception {
        registry = RegistryFixture.start();
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void initIsIdempotent(TestHost host) {
        assertThat(host.svcctlOk("init", "--pool", "tank")).contains("created dataset tank/svcctl");
        assertThat(host.svcctlOk("init", "--pool", "tank")).doesNotContain("created");
    }

    @Test
    @Order(2)
    void importFromTheRegistry(TestHost host) {
        String out = host.svcctlOk("import", "docker", registry.ref(TestImages.BUSYBOX), "--tls-verify=false");
        assertThat(out).contains("imported");
        assertThat(host.svcctlOk("images")).contains(registry.ref(TestImages.BUSYBOX));
        assertThat(host.svcctlOk("import", "docker", registry.ref(TestImages.BUSYBOX), "--tls-verify=false"))
                .contains("present already");
    }

    @Test
    @Order(3)
    void runAServiceThatAnswersOnLocalhost(TestHost host) {
        host.svcctlOk("run", "web", "--image", registry.ref(TestImages.BUSYBOX), "--network", "isolated",
                "-p", "8080:80", "-e", "GREETING=hello world", "-v", "data:/data");
        assertThat(host.execOk("curl", "-sS", "--retry", "5", "--retry-connrefused", "--retry-delay", "1",
                "http://127.0.0.1:8080/")).isEqualTo(TestImages.INDEX_HTML);
        assertThat(host.svcctlOk("list")).contains("web").contains("active/running");
        assertThat(host.execOk("machinectl", "list", "--no-legend")).contains("web");
        assertThat(host.svcctlOk("status", "web")).contains("state:    active/running");
    }

    @Test
    @Order(4)
    void removeLeavesNothingBehind(TestHost host) {
        host.svcctlOk("rm", "web", "--volumes");
        ExecResult status = host.svcctl("status", "web");
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(host.execOk("ls", "/etc/systemd/system", "/etc/systemd/nspawn")).doesNotContain("web");
        assertThat(host.execOk("zfs", "list", "-H", "-o", "name", "-r", "tank/svcctl")).doesNotContain("web");
        assertThat(host.execOk("machinectl", "list", "--no-legend")).doesNotContain("web");
    }
}
