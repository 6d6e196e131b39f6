package io.svcctl.testhost;

import static org.assertj.core.api.Assertions.assertThat;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandResult;
import io.svcctl.exec.CommandRunner;
import io.svcctl.exec.RunningProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostCommandRunnerTest {
    private final HostCommandRunner runner = new HostCommandRunner(new TestHostScript(new Refusing()), "svh3");

    @Test
    void runsTheArgvThroughTheScriptsExec() {
        Command wrapped = runner.wrap(Command.of("zfs", "list", "-H"));
        assertThat(wrapped.argv()).containsExactly("bash", TestHostScript.path().toString(),
                "exec", "svh3", "--", "zfs", "list", "-H");
        assertThat(wrapped.env()).isEmpty();
    }

    @Test
    void environmentAdditionsTravelInsideAsEnvArguments() {
        Command wrapped = runner.wrap(Command.of("svcctl", "list").withEnv("A", "1").withEnv("B", "two words"));
        assertThat(wrapped.argv()).endsWith("--", "env", "A=1", "B=two words", "svcctl", "list");
        assertThat(wrapped.env()).as("nothing reaches the script's own environment").isEmpty();
    }

    @Test
    void keepsTimeoutAndStdin() throws IOException {
        Command wrapped = runner.wrap(Command.of("cat").withTimeout(Duration.ofSeconds(7))
                .withStdin("data".getBytes(StandardCharsets.UTF_8)));
        assertThat(wrapped.timeout()).contains(Duration.ofSeconds(7));
        assertThat(wrapped.openStdin().orElseThrow().readAllBytes()).isEqualTo("data".getBytes(StandardCharsets.UTF_8));
    }

    /** Wrapping is pure: nothing may run. */
    private static final class Refusing implements CommandRunner {
        @Override
        public CommandResult run(Command command) {
            throw new AssertionError("ran " + command);
        }

        @Override
        public RunningProcess start(Command command) {
            throw new AssertionError("started " + command);
        }
    }
}
