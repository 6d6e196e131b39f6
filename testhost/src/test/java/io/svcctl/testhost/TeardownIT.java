package io.svcctl.testhost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tearing down leaves nothing of ours: no process, mount, network namespace, interface or host directory. */
class TeardownIT {
    @Test
    void downAllLeavesNothingBehind() throws Exception {
        TestHost.downAll();
        TestHost host = TestHost.boot("svhgone", 7, null);
        long leader = host.leaderPid();
        assertThat(ProcessHandle.of(leader)).isPresent();

        TestHost.downAll();

        assertThat(ProcessHandle.of(leader).map(ProcessHandle::isAlive).orElse(false)).as("host's systemd").isFalse();
        String netns = run("ip", "netns", "list");
        assertThat(netns).doesNotContain("svcth-");
        assertThat(run("ip", "-o", "link", "show")).doesNotContain("svcth0").doesNotContain("vth-svhgone");
        assertThat(run("findmnt", "-rn", "-o", "TARGET")).doesNotContain("svcctl-testhost");
        assertThat(Files.exists(Path.of("/var/tmp/svcctl-testhost/hosts/svhgone"))).isFalse();
        assertThat(run("ps", "-eo", "args")).doesNotContain("-M svhgone");
    }

    private static String run(String... argv) {
        ExecResult r = TestHostScript.exec(List.of(argv), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as("%s: %s", String.join(" ", argv), r.stderr()).isZero();
        return r.stdout();
    }
}
