package io.svcctl.manager.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.svcctl.testhost.ExecResult;
import io.svcctl.testhost.Hosts;
import io.svcctl.testhost.TestHost;
import io.svcctl.testhost.registry.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a service sees and how systemd treats it, in a real host: env and volumes inside the container, volume
 * data across stop/start and rm, restart policies, failure messages, machined and the journal, hostile values,
 * limits on the unit, enable/disable, remapped ports on the host network, and changing a spec with update.
 */
@Hosts(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceFeaturesIT {
    private static final String VOLUMES = "/var/lib/svcctl/services/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RegistryFixture registry;
    private static String image;

    @BeforeAll
    static void importImage(TestHost host) throws Exception {
        registry = RegistryFixture.start();
        image = registry.ref(TestImages.BUSYBOX);
        host.svcctlOk("init", "--pool", "tank");
        host.svcctlOk("import", "docker", image, "--tls-verify=false");
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void envAndVolumeDataAreVisibleInsideAndSurviveStopStartAndRm(TestHost host) {
        String[] spec = {"--image", image, "-e", "GREETING=hello world", "-v", "data:/data", "--",
            "sh", "-c", "echo \"$GREETING\" >> /data/out; echo \"said $GREETING\"; exec httpd -f -p 8080 -h /www"};
        host.svcctlOk(concat(new String[] {"run", "envvol"}, spec));
        String out = VOLUMES + "envvol/volumes/data/out";
        awaitFile(host, out, "hello world\n");

        host.svcctlOk("stop", "envvol");
        assertThat(host.execOk("cat", out)).isEqualTo("hello world\n");
        host.svcctlOk("start", "envvol");
        awaitFile(host, out, "hello world\nhello world\n");

        assertThat(host.execOk("machinectl", "list", "--no-legend")).contains("envvol");
        assertThat(awaitOutput(host, s -> s.contains("said hello world"),
                "journalctl", "--no-pager", "-u", "svcctl-envvol.service")).contains("said hello world");
        assertThat(host.svcctlOk("logs", "envvol")).contains("said hello world");

        host.svcctlOk("rm", "envvol");
        assertThat(host.execOk("zfs", "list", "-H", "-o", "name", "-r", "tank/svcctl"))
                .doesNotContain("services/envvol").contains("volumes/envvol/data");
        host.svcctlOk(concat(new String[] {"create", "envvol"}, spec));
        assertThat(host.execOk("cat", out)).as("the new service adopted the kept volume")
                .isEqualTo("hello world\nhello world\n");
        host.svcctlOk("start", "envvol");
        awaitFile(host, out, "hello world\nhello world\nhello world\n");
        host.svcctlOk("rm", "envvol", "--volumes");
        assertThat(host.execOk("zfs", "list", "-H", "-o", "name", "-r", "tank/svcctl")).doesNotContain("envvol");
    }

    @Test
    @Order(2)
    void listShowsRealNumbers(TestHost host) throws Exception {
        host.svcctlOk("run", "lister", "--image", image, "--", "httpd", "-f", "-p", "8081", "-h", "/www");
        // zfs-fuse accounts a clone's own blocks when its transaction group syncs, seconds after the writes
        JsonNode lister = awaitListed(host, "lister", n -> n.path("diskBytes").asLong() > 0);
        assertThat(lister.path("state").asText()).isEqualTo("active");
        assertThat(lister.path("image").asText()).isEqualTo(image);
        assertThat(lister.path("since").isTextual()).as("since in %s", lister).isTrue();
        assertThat(lister.path("diskBytes").asLong()).isPositive();
        // memory is what systemd accounts: none on hosts without the cgroup v2 memory controller
        String memory = host.execOk("systemctl", "show", "-p", "MemoryCurrent", "--value", "svcctl-lister.service")
                .trim();
        if (memory.equals("[not set]")) {
            assertThat(lister.path("memoryBytes").isNull() || lister.path("memoryBytes").isMissingNode())
                    .as("memory in %s", lister).isTrue();
        } else {
            assertThat(lister.path("memoryBytes").asLong()).isPositive();
        }
        String table = host.svcctlOk("list");
        assertThat(table).contains("lister").contains("active/running").contains(image);
        host.svcctlOk("rm", "lister");
    }

    @Test
    @Order(3)
    void aCrashingServiceIsRestartedPerItsPolicy(TestHost host) throws Exception {
        host.svcctlOk("run", "crasher", "--image", image, "--restart", "on-failure", "--",
                "sh", "-c", "sleep 1; exit 3");
        JsonNode status = awaitStatus(host, "crasher", s -> s.path("restarts").asLong() > 0);
        assertThat(status.path("restarts").asLong()).isPositive();
        assertThat(host.svcctl("status", "crasher").stdout()).containsPattern("restarts: +[1-9]");
        host.svcctlOk("rm", "crasher");
    }

    @Test
    @Order(4)
    void withoutRestartACrashEndsFailed(TestHost host) throws Exception {
        host.svcctlOk("run", "oneshot", "--image", image, "--restart", "no", "--", "sh", "-c", "sleep 1; exit 3");
        JsonNode status = awaitStatus(host, "oneshot", s -> s.path("state").asText().equals("failed"));
        assertThat(status.path("result").asText()).isEqualTo("exit-code");
        assertThat(status.path("restarts").asLong()).isZero();
        assertThat(host.svcctl("status", "oneshot").exitCode()).isEqualTo(3);
        host.svcctlOk("rm", "oneshot");
        assertThat(host.execOk("systemctl", "list-units", "--all", "--no-legend")).doesNotContain("oneshot");
    }

    @Test
    @Order(5)
    void aStartThatFailsAtOnceSaysWhyWithTheJournal(TestHost host) {
        host.svcctlOk("create", "failfast", "--image", image, "--", "sh", "-c", "echo boom-marker-42; exit 3");
        ExecResult start = host.svcctl("start", "failfast");
        assertThat(start.exitCode()).as(start.toString()).isEqualTo(1);
        assertThat(start.stderr()).contains("while starting failfast").contains("result exit-code")
                .contains("boom-marker-42");
        host.svcctlOk("rm", "failfast");
    }

    @Test
    @Order(6)
    void hostileValuesReachTheProcessExactly(TestHost host) {
        String value = "50%h and %% $HOME ${HOME} \"dq\" 'sq' back\\slash \\n  two  spaces\ttab é";
        String arg = "a;b $x %n `id` \\ 'q'";
        host.svcctlOk("run", "hostile", "--image", image, "-e", "V=" + value, "-v", "data:/data", "--",
                "sh", "-c", "printf '%s' \"$V\" > /data/v; printf '%s' \"$1\" > /data/a; exec sleep 1000",
                "sh", arg);
        awaitOutput(host, s -> s.equals(arg), "cat", VOLUMES + "hostile/volumes/data/a");
        assertThat(host.execOk("cat", VOLUMES + "hostile/volumes/data/v")).isEqualTo(value);
        assertThat(host.execOk("cat", VOLUMES + "hostile/volumes/data/a")).isEqualTo(arg);
        host.svcctlOk("rm", "hostile", "--volumes");
    }

    @Test
    @Order(7)
    void aNewlineIsRefusedAndLeavesNothing(TestHost host) {
        ExecResult r = host.svcctl("create", "nl", "--image", image, "-v", "data:/data", "-e", "V=one\ntwo");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).contains("newline");
        ExecResult arg = host.svcctl("create", "nl", "--image", image, "--", "echo", "one\ntwo");
        assertThat(arg.exitCode()).as(arg.toString()).isEqualTo(2);
        assertThat(host.execOk("zfs", "list", "-H", "-o", "name", "-r", "tank/svcctl")).doesNotContain("nl");
        assertThat(host.execOk("ls", "/etc/systemd/system", "/etc/systemd/nspawn")).doesNotContain("-nl");
    }

    @Test
    @Order(8)
    void limitsEndUpOnTheUnitAndEnableDisable(TestHost host) {
        host.svcctlOk("create", "limited", "--image", image, "--memory", "64M", "--cpus", "0.5", "--", "sleep", "1000");
        String unit = "svcctl-limited.service";
        assertThat(host.execOk("systemctl", "show", "-p", "MemoryMax,CPUQuotaPerSecUSec", unit))
                .contains("MemoryMax=67108864").contains("CPUQuotaPerSecUSec=500ms");

        host.svcctlOk("enable", "limited");
        assertThat(host.exec("systemctl", "is-enabled", unit).stdout().trim()).isEqualTo("enabled");
        host.svcctlOk("disable", "limited");
        assertThat(host.exec("systemctl", "is-enabled", unit).stdout().trim()).isEqualTo("disabled");
        host.svcctlOk("rm", "limited");
    }

    @Test
    @Order(9)
    void aRemappedPortOnTheHostNetworkAnswersOnLocalhost(TestHost host) {
        host.svcctlOk("run", "hostport", "--image", image, "-p", "9090:8080", "--",
                "httpd", "-f", "-p", "8080", "-h", "/www");
        assertThat(curl(host, 9090)).isEqualTo(TestImages.INDEX_HTML);
        host.svcctlOk("rm", "hostport");
        assertThat(host.execOk("ls", "/etc/systemd/system")).doesNotContain("hostport");
    }

    @Test
    @Order(10)
    void aLowPortOnTheHostNetworkWithAUserNamespaceWarns(TestHost host) {
        ExecResult r = host.svcctl("create", "lowport", "--image", image, "-p", "80:80");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("warning").contains("--network isolated");
        host.svcctlOk("rm", "lowport");
    }

    @Test
    @Order(11)
    void updateChangesTheSpecAndReRenders(TestHost host) throws Exception {
        host.svcctlOk("run", "upd", "--image", image, "-e", "GREETING=before", "-e", "DROP=x", "-v", "data:/data",
                "--", "sh", "-c", "echo \"$GREETING${DROP:-none}\" >> /data/out; exec sleep 1000");
        String out = VOLUMES + "upd/volumes/data/out";
        awaitFile(host, out, "beforex\n");

        String said = host.svcctlOk("update", "upd", "-e", "GREETING=after", "--unset-env", "DROP", "--memory", "96M",
                "--cpus", "1.5", "--restart", "always");
        assertThat(said).contains("svcctl restart upd");
        String unit = "svcctl-upd.service";
        assertThat(host.execOk("systemctl", "show", "-p", "MemoryMax,CPUQuotaPerSecUSec,Restart", unit))
                .contains("MemoryMax=100663296").contains("CPUQuotaPerSecUSec=1.500000s").contains("Restart=always");
        assertThat(host.execOk("cat", out)).as("no restart without --restart-now").isEqualTo("beforex\n");
        JsonNode spec = JSON.readTree(host.svcctlOk("status", "upd", "--json")).path("spec");
        assertThat(spec.path("env").path("GREETING").asText()).isEqualTo("after");
        assertThat(spec.path("env").has("DROP")).isFalse();

        host.svcctlOk("update", "upd", "--restart-now");
        awaitFile(host, out, "beforex\nafternone\n");
        ExecResult bad = host.svcctl("update", "upd", "-e", "V=a\nb");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        assertThat(JSON.readTree(host.svcctlOk("status", "upd", "--json")).path("spec").path("env").has("V"))
                .isFalse();
        host.svcctlOk("rm", "upd", "--volumes");
    }

    @Test
    @Order(12)
    void updateMovesAPublishedPortOfARunningIsolatedService(TestHost host) {
        host.svcctlOk("run", "moved", "--image", image, "--network", "isolated", "-p", "8181:80");
        assertThat(curl(host, 8181)).isEqualTo(TestImages.INDEX_HTML);

        host.svcctlOk("update", "moved", "-p", "8282:80", "--unpublish", "8181");
        assertThat(host.svcctl("status", "moved").exitCode()).as("unpublishing does not stop the service").isZero();
        assertThat(host.exec("curl", "-sS", "http://127.0.0.1:8181/").ok()).as("8181 no longer listens").isFalse();

        host.svcctlOk("update", "moved", "--restart-now");
        assertThat(curl(host, 8282)).isEqualTo(TestImages.INDEX_HTML);
        host.svcctlOk("rm", "moved");
        assertThat(host.execOk("systemctl", "list-units", "--all", "--no-legend", "svcctl-moved*")).isBlank();
    }

    @Test
    @Order(13)
    void editReplacesTheWholeSpecButNotWhatTheDatasetIs(TestHost host) throws Exception {
        host.svcctlOk("run", "edited", "--image", image, "--", "httpd", "-f", "-p", "8383", "-h", "/www");
        String spec = host.svcctlOk("edit", "edited", "--print");
        host.execOk("sh", "-c", "cat > /tmp/edited.json <<'EOF'\n" + spec.replace("8383", "8484") + "\nEOF");
        host.svcctlOk("edit", "edited", "--file", "/tmp/edited.json", "--restart-now");
        assertThat(curl(host, 8484)).isEqualTo(TestImages.INDEX_HTML);

        host.execOk("sh", "-c", "cat > /tmp/edited.json <<'EOF'\n" + spec.replace("\"edited\"", "\"other\"")
                + "\nEOF");
        ExecResult renamed = host.svcctl("edit", "edited", "--file", "/tmp/edited.json");
        assertThat(renamed.exitCode()).as(renamed.toString()).isEqualTo(2);
        assertThat(renamed.stderr()).contains("name of service edited cannot change");
        assertThat(JSON.readTree(host.svcctlOk("edit", "edited", "--print")).path("command").toString())
                .contains("8484");
        host.svcctlOk("rm", "edited");
    }

    private static String curl(TestHost host, int port) {
        return host.execOk("curl", "-sS", "--retry", "5", "--retry-connrefused", "--retry-delay", "1",
                "http://127.0.0.1:" + port + "/");
    }

    private static JsonNode awaitStatus(TestHost host, String service, Predicate<JsonNode> done) throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 60; i++) {
            last = JSON.readTree(host.svcctl("status", service, "--json").stdout());
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("service " + service + " did not reach the expected state in 30 s: " + last
                + "\n" + host.journal(40));
    }

    private static JsonNode awaitListed(TestHost host, String service, Predicate<JsonNode> done) throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 90; i++) {
            for (JsonNode n : JSON.readTree(host.svcctlOk("list", "--json"))) {
                if (n.path("name").asText().equals(service)) {
                    last = n;
                }
            }
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("svcctl list did not show " + service + " as expected in 45 s: " + last);
    }

    private static void awaitFile(TestHost host, String file, String content) {
        assertThat(awaitOutput(host, content::equals, "cat", file)).isEqualTo(content);
    }

    /** Polls a command until its stdout satisfies {@code done} (at most 30 s); returns the last stdout. */
    private static String awaitOutput(TestHost host, Predicate<String> done, String... argv) {
        String last = "";
        for (int i = 0; i < 60; i++) {
            ExecResult r = host.exec(argv);
            last = r.stdout();
            if (r.ok() && done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return last;
    }

    private static String[] concat(String[] a, String[] b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
