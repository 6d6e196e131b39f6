package io.svcctl.exec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CommandFailedExceptionTest {

    private static CommandResult result(int exit, String stderr) {
        return new CommandResult(Command.of("zfs", "create", "tank/a"), exit, new byte[0],
                stderr.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void messageNamesTheCommandAndWhatItSaid() {
        CommandFailedException e = CommandFailedException.exited(
                result(1, "cannot create 'tank/a': dataset already exists\n"));
        assertThat(e).hasMessage("while running `zfs create tank/a`: cannot create 'tank/a': dataset already exists");
        assertThat(e.exitCode()).hasValue(1);
        assertThat(e.reason()).isEqualTo(CommandFailedException.Reason.EXITED_NONZERO);
        assertThat(e.argv()).containsExactly("zfs", "create", "tank/a");
    }

    @Test
    void silentFailureGivesTheStatus() {
        assertThat(CommandFailedException.exited(result(3, "  \n")))
                .hasMessage("while running `zfs create tank/a`: exited with status 3");
    }

    @Test
    void longStderrIsCutInTheMessageButKeptWhole() {
        String stderr = IntStream.range(0, 40).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        CommandFailedException e = CommandFailedException.exited(result(2, stderr));
        assertThat(e.getMessage()).contains("line 11").doesNotContain("line 12").endsWith("(28 more lines)");
        assertThat(e.stderr()).isEqualTo(stderr);
    }

    @Test
    void timeoutSaysSoAndHasNoExitCode() {
        CommandFailedException e = CommandFailedException.timedOut(Command.of("sleep", "100"),
                Duration.ofSeconds(2), new byte[0], new byte[0]);
        assertThat(e.getMessage()).startsWith("while running `sleep 100`: did not finish within PT2S");
        assertThat(e.exitCode()).isEmpty();
        assertThat(e.reason()).isEqualTo(CommandFailedException.Reason.TIMED_OUT);
    }
}
