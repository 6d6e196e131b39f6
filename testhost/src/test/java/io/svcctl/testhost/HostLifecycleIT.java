package io.svcctl.testhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandResult;
import io.svcctl.exec.LocalCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The script's bookkeeping: failed boots, hosts of other running test runs, and leftovers of killed ones. */
class HostLifecycleIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private final LocalCommandRunner local = new LocalCommandRunner();
    private final TestHostScript script = new TestHostScript(local);

    @Test
    void aFailedBootSaysWhyAndDownRemovesWhatIsLeft() throws IOException {
        script.run("preparing", TIMEOUT, "rootfs");
        // nspawn refuses to bind a file onto a directory: it exits right after it started
        CommandResult up = script.runUnchecked(TIMEOUT, "up", "lcfail", "190", "--bind-ro", "/etc/hostname:/etc");
        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.stderrText()).contains("Cannot bind mount file /etc/hostname on directory")
                .contains("host lcfail failed to boot");

        script.run("tearing down", TIMEOUT, "down", "lcfail");
        assertThat(TestHostScript.runDir().resolve("hosts/lcfail")).doesNotExist();
        assertThat(outside("ip", "netns", "list")).doesNotContain("svcth-lcfail");
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("/hosts/lcfail/");
    }

    @Test
    void hostsOfAnotherLiveRunAreLeftAloneAndReapedOnceItIsGone() throws Exception {
        Process otherRun = new ProcessBuilder("sleep", "600").start();
        try {
            String owner = Long.toString(otherRun.pid());
            local.run(script.command(List.of("up", "lcother", "191")).withTimeout(TIMEOUT)
                    .withEnv("SVCCTL_TESTHOST_OWNER", owner));

            CommandResult taken = script.runUnchecked(TIMEOUT, "up", "lcmine", "191");
            assertThat(taken.exitCode()).isEqualTo(TestHostScript.EXIT_TAKEN);
            assertThat(taken.stderrText()).contains("belongs to running process " + owner);
            script.run("removing leftovers", TIMEOUT, "down-all");
            assertThat(TestHostScript.runDir().resolve("hosts/lcother")).exists();
            try (TestHosts mine = TestHosts.boot(1, Optional.empty())) {
                assertThat(mine.get(0).index()).isNotEqualTo(191);
                assertThat(mine.get(0).execOk("busybox", "ping", "-c", "1", "-W", "5", "10.231.0.201")).contains("1 packets received");
            }
        } finally {
            otherRun.destroyForcibly().waitFor();
        }
        // the other run was killed: its host is a leftover now
        script.run("removing leftovers", TIMEOUT, "down-all");
        assertThat(TestHostScript.runDir().resolve("hosts/lcother")).doesNotExist();
        assertThat(outside("ip", "netns", "list")).doesNotContain("svcth-lcother");
    }

    @Test
    void aHostWithoutItsRecordIsStillReaped() throws Exception {
        Process otherRun = new ProcessBuilder("sleep", "600").start();
        long leader;
        try {
            local.run(script.command(List.of("up", "lcorphan", "192")).withTimeout(TIMEOUT)
                    .withEnv("SVCCTL_TESTHOST_OWNER", Long.toString(otherRun.pid())));
            leader = Long.parseLong(script.run("asking", TIMEOUT, "leader", "lcorphan").strip());
        } finally {
            otherRun.destroyForcibly().waitFor();
        }
        // a run killed while it removed the host: the processes run on, the record is half gone
        Path dir = TestHostScript.runDir().resolve("hosts/lcorphan");
        local.run(Command.of("umount", "-l", dir.resolve("root").toString()));
        local.run(Command.of("rm", "-rf", "--one-file-system", dir.toString()));

        script.run("removing leftovers", TIMEOUT, "down-all");
        assertThat(running(leader)).as("the host's systemd runs").isFalse();
        assertThat(outside("ip", "netns", "list")).doesNotContain("svcth-lcorphan");
        assertThat(outside("ip", "-o", "link", "show")).doesNotContain("svcthv192");
        assertThat(Path.of("/sys/fs/cgroup/systemd/svcctl-testhost/lcorphan")).doesNotExist();
    }

    @Test
    void aMissingOwnerIsRefused() {
        assertThatThrownBy(() -> local.run(script.command(List.of("down-all"))
                .withEnv("SVCCTL_TESTHOST_OWNER", "999999999")))
                .hasMessageContaining("owner process '999999999'");
    }

    /** Whether the process runs; a zombie has finished, whoever reaps it. */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        char state = text.charAt(text.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    private String outside(String... argv) {
        return local.run(Command.of(argv)).stdoutText();
    }

}
