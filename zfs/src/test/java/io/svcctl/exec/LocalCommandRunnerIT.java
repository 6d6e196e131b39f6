package io.svcctl.exec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs real processes (coreutils and sh from the base system) through {@link LocalCommandRunner}. */
class LocalCommandRunnerIT {

    private final LocalCommandRunner runner = new LocalCommandRunner();

    @Test
    void collectsStdoutAndFeedsStdin() {
        CommandResult result = runner.run(Command.of("cat").withStdin("hello\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutText()).isEqualTo("hello\n");
    }

    @Test
    void argumentsReachTheProgramUnsplitAndUnexpanded() {
        CommandResult result = runner.run(Command.of("printf", "%s|", "two words", "$HOME", "*", "-o"));
        assertThat(result.stdoutText()).isEqualTo("two words|$HOME|*|-o|");
    }

    @Test
    void environmentAdditionsReachTheProgram() {
        assertThat(runner.run(Command.of("printenv", "SVCCTL_TEST").withEnv("SVCCTL_TEST", "yes")).stdoutText())
                .isEqualTo("yes\n");
    }

    @Test
    void withoutStdinTheProgramSeesEndOfInput() {
        assertThat(runner.run(Command.of("cat")).stdoutText()).isEmpty();
    }

    @Test
    void nonZeroExitIsATypedFailureWithStderr() {
        assertThatThrownBy(() -> runner.run(Command.of("sh", "-c", "echo out; echo broken >&2; exit 3")))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.exitCode()).hasValue(3);
                    assertThat(e.stderr()).isEqualTo("broken\n");
                    assertThat(e.stdoutText()).isEqualTo("out\n");
                    assertThat(e).hasMessage("while running `sh -c 'echo out; echo broken >&2; exit 3'`: broken");
                });
    }

    @Test
    void aMissingProgramCannotStart() {
        assertThatThrownBy(() -> runner.run(Command.of("/nonexistent/svcctl-no-such-program")))
                .isInstanceOfSatisfying(CommandFailedException.class, e ->
                        assertThat(e.reason()).isEqualTo(CommandFailedException.Reason.COULD_NOT_START));
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = Files.createTempFile("svcctl-exec-it", ".pid");
        try {
            // the shell starts a grandchild and waits; both must die
            Command command = Command.of("sh", "-c", "sleep 300 & echo $! > " + pidFile + "; wait")
                    .withTimeout(Duration.ofSeconds(2));
            assertThatThrownBy(() -> runner.run(command))
                    .isInstanceOfSatisfying(CommandFailedException.class, e ->
                            assertThat(e.reason()).isEqualTo(CommandFailedException.Reason.TIMED_OUT));
            long grandchild = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(grandchild).ifPresent(h -> h.onExit().join());
            assertThat(isRunning(grandchild)).isFalse();
        } finally {
            Files.deleteIfExists(pidFile);
        }
    }

    /** A killed process whose parent died may linger as a zombie until reaped: that is not running. */
    private static boolean isRunning(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        char state = text.charAt(text.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    @Test
    void streamsStdinAndStdoutOfARunningProcess() throws Exception {
        try (RunningProcess process = runner.start(Command.of("tr", "a-z", "A-Z"))) {
            try (OutputStream in = process.stdin()) {
                in.write("stream me".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(new String(process.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("STREAM ME");
            assertThat(process.waitFor().exitCode()).isZero();
        }
    }

    @Test
    void aRunningProcessFailsTypedToo() {
        try (RunningProcess process = runner.start(Command.of("sh", "-c", "echo nope >&2; exit 4"))) {
            assertThatThrownBy(process::waitFor)
                    .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                        assertThat(e.exitCode()).hasValue(4);
                        assertThat(e.stderr()).isEqualTo("nope\n");
                    });
        }
    }

    @Test
    void aFailingStdinSourceFailsTheCommandEvenWhenItWouldSucceed() {
        InputStream broken = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ < 10) {
                    return 'x';
                }
                throw new IOException("source went away");
            }
        };
        assertThatThrownBy(() -> runner.run(Command.of("cat").withStdin(broken)))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CommandFailedException.Reason.STDIN_FAILED);
                    assertThat(e.getMessage()).contains("source went away");
                });
    }
}
