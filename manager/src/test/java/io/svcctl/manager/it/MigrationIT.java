package io.svcctl.manager.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.svcctl.exec.Command;
import io.svcctl.exec.CommandFailedException;
import io.svcctl.exec.RunningProcess;
import io.svcctl.testhost.ExecResult;
import io.svcctl.testhost.Hosts;
import io.svcctl.testhost.TestHost;
import io.svcctl.testhost.registry.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Migration between two real hosts over ssh: a running web service with a volume goes there and back, a cut
 * transport leaves the source serving and a retry completes, and a target gets only the image layers it lacks.
 */
@Hosts(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "tank/svcctl";
    private static final String DATA = "/var/lib/svcctl/services/web/volumes/data";
    private static RegistryFixture registry;
    private static String checksum;

    @BeforeAll
    static void setUp(List<TestHost> hosts) throws Exception {
        registry = RegistryFixture.start();
        for (TestHost h : hosts) {
            h.svcctlOk("init", "--pool", "tank");
            h.execOk("ln", "-sf", "/opt/svcctl/bin/svcctl", "/usr/local/bin/svcctl");
        }
        TestHost a = hosts.get(0);
        for (String image : List.of(TestImages.BUSYBOX, TestImages.LAYERED, TestImages.SHAREDBASE)) {
            a.svcctlOk("import", "docker", registry.ref(image), "--tls-verify=false");
        }
        a.svcctlOk("run", "web", "--image", registry.ref(TestImages.BUSYBOX), "--network", "isolated",
                "-p", "8080:80", "-v", "data:/data");
        a.execOk("dd", "if=/dev/urandom", "of=" + DATA + "/blob", "bs=1M", "count=24", "status=none");
        checksum = sha(a);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    private static String sha(TestHost h) {
        return h.execOk("sha256sum", DATA + "/blob").split(" ")[0];
    }

    private static String page(TestHost h) {
        return h.execOk("curl", "-sS", "--retry", "5", "--retry-connrefused", "--retry-delay", "1",
                "http://127.0.0.1:8080/");
    }

    private static String to(TestHost h) {
        return "ssh://root@" + h.address();
    }

    private static String imageId(TestHost h, String service) {
        return h.execOk("zfs", "get", "-H", "-o", "value", "svcctl:image", ROOT + "/services/" + service).strip();
    }

    private static String guid(TestHost h, String snapshot) {
        return h.execOk("zfs", "get", "-H", "-o", "value", "guid", snapshot).strip();
    }

    private static String migrationSnapshots(TestHost h) {
        return h.execOk("zfs", "list", "-H", "-o", "name", "-t", "snapshot").lines()
                .filter(l -> l.contains("@svcctl-mig-")).reduce("", (x, y) -> x + y + "\n");
    }

    @Test
    @Order(1)
    void dryRunShowsTheImageInFullAndTheServiceAsItsDifference(List<TestHost> hosts) {
        TestHost a = hosts.get(0);
        String plan = a.svcctlOk("migrate", "web", "--to", to(hosts.get(1)), "--dry-run");
        String image = imageId(a, "web");
        assertThat(plan).contains("images/" + image).contains("full")
                .containsPattern("services/web +svcctl-mig-1 +incremental +images/" + image + "@ready +migrating/web");
        assertThat(migrationSnapshots(a)).as("a dry run takes no snapshot").isEmpty();
    }

    @Test
    @Order(2)
    void aRunningServiceMovesWithItsDataAndTheSourceStopsOnlyAfter(List<TestHost> hosts) throws IOException {
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);
        JsonNode summary = JSON.readTree(a.svcctlOk("migrate", "web", "--to", to(b), "--json"));
        assertThat(summary.get("downtimeMillis").asLong()).isPositive();
        assertThat(summary.get("rounds").get(0).get("phase").asText()).isEqualTo("begin");
        assertThat(summary.get("rounds").get(summary.get("rounds").size() - 1).get("phase").asText()).isEqualTo("switch");
        assertThat(page(b)).isEqualTo(TestImages.INDEX_HTML);
        assertThat(sha(b)).isEqualTo(checksum);
        assertThat(b.svcctlOk("status", "web")).contains("active/running");
        assertThat(a.svcctl("status", "web").exitCode()).as("stopped on the source").isEqualTo(3);
        assertThat(a.exec("systemctl", "is-enabled", "svcctl-web.service").stdout()).doesNotContain("enabled\n");
        assertThat(a.execOk("zfs", "get", "-H", "-o", "value", "svcctl:migrated-to", ROOT + "/services/web"))
                .contains(b.address());
        assertThat(sha(a)).as("the source keeps its data").isEqualTo(checksum);
        String image = imageId(a, "web");
        assertThat(imageId(b, "web")).isEqualTo(image);
        assertThat(guid(b, ROOT + "/images/" + image + "@ready")).isEqualTo(guid(a, ROOT + "/images/" + image + "@ready"));
        assertThat(b.execOk("zfs", "get", "-H", "-o", "value", "origin", ROOT + "/services/web").strip())
                .as("the service arrives as a clone of its image").isEqualTo(ROOT + "/images/" + image + "@ready");
        assertThat(b.execOk("zfs", "list", "-H", "-o", "name", "-r", ROOT)).doesNotContain("migrating/web");
        assertThat(migrationSnapshots(a) + migrationSnapshots(b)).as("migration snapshots cleaned up").isEmpty();
    }

    @Test
    @Order(3)
    void aTargetGetsOnlyTheImageLayersItLacks(List<TestHost> hosts) {
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);
        a.svcctlOk("run", "app", "--image", registry.ref(TestImages.SHAREDBASE), "--network", "isolated", "-p", "8081:80");
        String shared = imageId(a, "app");
        String layered = a.execOk("zfs", "get", "-H", "-o", "value", "origin", ROOT + "/images/" + shared)
                .strip().replaceAll(".*/images/([0-9a-f]+)@.*", "$1");
        String plan = a.svcctlOk("migrate", "app", "--to", to(b), "--dry-run");
        assertThat(plan).doesNotContain("full").contains("incoming/" + layered).contains("incoming/" + shared);
        a.svcctlOk("migrate", "app", "--to", to(b));
        for (String image : List.of(layered, shared)) {
            String origin = a.execOk("zfs", "get", "-H", "-o", "value", "origin", ROOT + "/images/" + image).strip();
            assertThat(b.execOk("zfs", "get", "-H", "-o", "value", "origin", ROOT + "/images/" + image).strip())
                    .as("image %s is a clone of the same layer snapshot there", image).isEqualTo(origin);
            assertThat(guid(b, ROOT + "/images/" + image + "@ready")).isEqualTo(guid(a, ROOT + "/images/" + image + "@ready"));
        }
        assertThat(b.svcctlOk("images")).contains(registry.ref(TestImages.SHAREDBASE)).contains(registry.ref(TestImages.LAYERED));
        assertThat(b.execOk("curl", "-sS", "--retry", "5", "--retry-connrefused", "--retry-delay", "1",
                "http://127.0.0.1:8081/")).isEqualTo(TestImages.INDEX_HTML);
    }

    @Test
    @Order(4)
    void itMigratesBackReplacingTheCopyKeptThere(List<TestHost> hosts) {
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);
        b.execOk("sh", "-c", "echo changed-on-b > " + DATA + "/note");
        b.svcctlOk("migrate", "web", "--to", to(a));
        assertThat(page(a)).isEqualTo(TestImages.INDEX_HTML);
        assertThat(sha(a)).isEqualTo(checksum);
        assertThat(a.execOk("cat", DATA + "/note")).isEqualTo("changed-on-b\n");
        assertThat(a.execOk("zfs", "get", "-H", "-o", "value", "svcctl:migrated-to", ROOT + "/services/web").strip())
                .isEqualTo("-");
        assertThat(b.svcctl("status", "web").exitCode()).isEqualTo(3);
    }

    @Test
    @Order(5)
    void aStreamCutByTheTargetLeavesTheSourceServingAndARetryCompletes(List<TestHost> hosts) {
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);
        // the target's receive gets only the first 3 MB of the stream, then its stdin ends
        b.execOk("sh", "-c", "printf '%s\\n' '#!/bin/sh' 'if [ \"$1\" = receive ]; then head -c 3000000 |"
                + " /opt/svcctl/bin/svcctl \"$@\"; exit 1; fi' 'exec /opt/svcctl/bin/svcctl \"$@\"'"
                + " > /usr/local/bin/svcctl-cut && chmod +x /usr/local/bin/svcctl-cut");
        ExecResult cut = a.svcctl("migrate", "web", "--to", to(b), "--remote-svcctl", "/usr/local/bin/svcctl-cut");
        assertThat(cut.exitCode()).isEqualTo(1);
        assertThat(cut.stderr()).contains("broke off").contains("web still runs on this host")
                .contains("no resumable receive");
        assertThat(page(a)).isEqualTo(TestImages.INDEX_HTML);
        assertThat(a.svcctlOk("status", "web")).contains("active/running");
        assertThat(b.svcctl("status", "web").exitCode()).isEqualTo(3);
        a.svcctlOk("migrate", "web", "--to", to(b));
        assertThat(page(b)).isEqualTo(TestImages.INDEX_HTML);
        assertThat(sha(b)).isEqualTo(checksum);
    }

    @Test
    @Order(6)
    void killingTheSshProcessMidwayLeavesTheSourceServingAndARetryCompletes(List<TestHost> hosts) throws Exception {
        TestHost b = hosts.get(1);
        TestHost a = hosts.get(0);
        b.execOk("dd", "if=/dev/urandom", "of=" + DATA + "/big", "bs=1M", "count=256", "status=none");
        String big = b.execOk("sha256sum", DATA + "/big").split(" ")[0];
        RunningProcess migrate = b.runner().start(Command.of("/opt/svcctl/bin/svcctl", "migrate", "web", "--to", to(a)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> {
            try {
                migrate.stdout().transferTo(out);
            } catch (IOException e) {
                // the process ended
            }
        });
        String pid = "";
        for (int i = 0; i < 600 && pid.isEmpty(); i++) {
            Thread.sleep(100);
            pid = b.exec("pgrep", "-n", "-f", "^ssh .*receive --stage").stdout().strip();
        }
        assertThat(pid).as("the ssh process carrying the stream").isNotEmpty();
        Thread.sleep(1500); // let part of the 256 MiB through
        b.execOk("kill", "-9", pid);
        CommandFailedException failure = null;
        try {
            migrate.waitFor();
        } catch (CommandFailedException e) {
            failure = e;
        }
        drain.join();
        assertThat(failure).as("the migration fails when its ssh is killed").isNotNull();
        assertThat(failure.stderr()).contains("broke off").contains("web still runs on this host");
        assertThat(page(b)).isEqualTo(TestImages.INDEX_HTML);
        assertThat(a.svcctl("status", "web").exitCode()).isEqualTo(3);
        b.svcctlOk("migrate", "web", "--to", to(a));
        assertThat(page(a)).isEqualTo(TestImages.INDEX_HTML);
        assertThat(a.execOk("sha256sum", DATA + "/big").split(" ")[0]).isEqualTo(big);
        assertThat(sha(a)).isEqualTo(checksum);
    }

    @Test
    @Order(7)
    void phasesOneByOneHoldTheirSnapshotsShowNothingOnTheTargetAndAbortUndoesIt(List<TestHost> hosts) {
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);
        String staged = ROOT + "/migrating/web";
        assertThat(a.svcctlOk("migrate", "web", "--to", to(b), "--phase", "begin")).contains("begin:");
        a.execOk("sh", "-c", "echo during-precopy > " + DATA + "/note");
        assertThat(a.svcctlOk("migrate", "web", "--to", to(b), "--phase", "sync")).contains("sync:");
        // the newest migration snapshot is held on both sides; older ones are gone
        assertThat(migrationSnapshots(a)).contains("services/web@svcctl-mig-2").doesNotContain("@svcctl-mig-1");
        assertThat(a.execOk("zfs", "get", "-H", "-o", "value", "userrefs", ROOT + "/services/web/volumes/data@svcctl-mig-2")
                .strip()).isEqualTo("1");
        assertThat(b.execOk("zfs", "get", "-H", "-o", "value", "userrefs", staged + "/volumes/data@svcctl-mig-2")
                .strip()).isEqualTo("1");
        assertThat(b.execOk("zfs", "get", "-H", "-o", "value", "svcctl:migrating,mounted", staged))
                .contains(a.name()).contains("no");
        // the staged copy is no service; the copy kept there since web left it is untouched
        assertThat(b.svcctl("status", "web").exitCode()).isEqualTo(3);
        assertThat(b.execOk("zfs", "get", "-H", "-o", "value", "svcctl:migrated-to", ROOT + "/services/web"))
                .contains(a.address());
        assertThat(a.svcctlOk("status", "web")).contains("active/running");

        String removed = a.svcctlOk("migrate", "web", "--to", to(b), "--phase", "abort");
        assertThat(removed).contains(staged);
        assertThat(b.execOk("zfs", "list", "-H", "-o", "name", "-r", ROOT)).doesNotContain("migrating/web");
        assertThat(migrationSnapshots(a) + migrationSnapshots(b)).isEmpty();
        assertThat(page(a)).isEqualTo(TestImages.INDEX_HTML);

        a.svcctlOk("migrate", "web", "--to", to(b), "--phase", "begin");
        String switched = a.svcctlOk("migrate", "web", "--to", to(b), "--phase", "switch");
        assertThat(switched).containsPattern("downtime [0-9]+ ms");
        assertThat(page(b)).isEqualTo(TestImages.INDEX_HTML);
        assertThat(b.execOk("cat", DATA + "/note")).isEqualTo("during-precopy\n");
        assertThat(sha(b)).isEqualTo(checksum);
    }

    @Test
    @Order(8)
    void operatorSnapshotsRefuseMigrationNamesAndRollBackAroundARunningService(List<TestHost> hosts) {
        TestHost b = hosts.get(1);
        assertThat(b.svcctl("snapshot", "web", "svcctl-mig-7").exitCode()).isEqualTo(2);
        assertThat(b.svcctlOk("snapshot", "web", "before")).isEqualTo("web@before\n");
        b.execOk("rm", DATA + "/blob");
        assertThat(b.svcctlOk("snapshots", "web")).contains("before");
        assertThat(b.svcctlOk("rollback", "web", "before")).contains("restarted");
        assertThat(sha(b)).isEqualTo(checksum);
        assertThat(page(b)).isEqualTo(TestImages.INDEX_HTML);
    }

    @Test
    @Order(9)
    void sendWritesAStreamAFileCarriesAndReceiveMakesTheServiceFromIt(List<TestHost> hosts) {
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);
        b.execOk("sh", "-c", "svcctl send web > /root/web.svcctl");
        assertThat(b.execOk("head", "-c", "14", "/root/web.svcctl")).isEqualTo("SVCCTL-STREAM\n");
        String received = b.execOk("sh", "-c", "ssh -o BatchMode=yes root@" + a.address()
                + " svcctl receive < /root/web.svcctl");
        assertThat(received).contains("received web").contains("svcctl start web");
        assertThat(a.svcctl("status", "web").exitCode()).as("received, not started").isEqualTo(3);
        a.svcctlOk("start", "web");
        assertThat(page(a)).isEqualTo(TestImages.INDEX_HTML);
        assertThat(sha(a)).isEqualTo(checksum);
        assertThat(migrationSnapshots(a) + migrationSnapshots(b)).isEmpty();
        assertThat(b.svcctlOk("status", "web")).as("send leaves the source running").contains("active/running");
        b.svcctlOk("rm", "web", "--volumes");
    }

    @Test
    @Order(10)
    void aServiceThatCannotStartOnTheTargetRunsAgainOnTheSourceAndARetryCompletes(List<TestHost> hosts) {
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);
        // a drop-in on the target makes the start job fail there
        b.execOk("sh", "-c", "mkdir -p /etc/systemd/system/svcctl-web.service.d && printf '[Service]\\nExecStartPre=/bin/false\\n'"
                + " > /etc/systemd/system/svcctl-web.service.d/fail.conf");
        ExecResult failed = a.svcctl("migrate", "web", "--to", to(b));
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stderr()).contains("while switching web").contains("web runs again on this host");
        assertThat(page(a)).isEqualTo(TestImages.INDEX_HTML);
        assertThat(sha(a)).isEqualTo(checksum);
        String there = b.execOk("zfs", "list", "-H", "-o", "name", "-r", ROOT);
        assertThat(there).doesNotContain(ROOT + "/services/web\n").contains(ROOT + "/migrating/web\n");
        assertThat(b.exec("test", "-e", "/etc/systemd/system/svcctl-web.service").exitCode()).isEqualTo(1);
        assertThat(b.exec("test", "-e", "/etc/systemd/nspawn/web.nspawn").exitCode()).isEqualTo(1);
        b.execOk("rm", "-r", "/etc/systemd/system/svcctl-web.service.d");
        a.svcctlOk("migrate", "web", "--to", to(b));
        assertThat(page(b)).isEqualTo(TestImages.INDEX_HTML);
        assertThat(sha(b)).isEqualTo(checksum);
        assertThat(a.svcctl("status", "web").exitCode()).isEqualTo(3);
    }
}
