package io.svcctl.exec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTest {

    @Test
    void displayQuotesOnlyWordsAShellWouldSplitOrExpand() {
        Command command = Command.of("zfs", "set", "svcctl:note=two words", "tank/a", "it's", "$HOME");
        assertThat(command.display()).isEqualTo("zfs set 'svcctl:note=two words' tank/a 'it'\\''s' '$HOME'");
    }

    @Test
    void emptyArgvAndNulBytesAreRefused() {
        assertThatThrownBy(() -> Command.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.of("zfs", "a\0b")).hasMessageContaining("NUL");
    }

    @Test
    void copiesKeepEverythingElse() throws IOException {
        Command base = Command.of("cat").withStdin("data".getBytes(StandardCharsets.UTF_8))
                .withTimeout(Duration.ofSeconds(5)).withEnv("LC_ALL", "C");
        Command moved = base.withArgv(List.of("nsenter", "-t", "1", "-a", "cat"));
        assertThat(moved.argv()).containsExactly("nsenter", "-t", "1", "-a", "cat");
        assertThat(moved.timeout()).contains(Duration.ofSeconds(5));
        assertThat(moved.env()).containsEntry("LC_ALL", "C");
        assertThat(moved.openStdin().orElseThrow().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("data");
        // bytes are offered afresh, so the command can run again
        assertThat(moved.openStdin().orElseThrow().readAllBytes()).hasSize(4);
    }

    @Test
    void environmentNamesMustBeNames() {
        assertThatThrownBy(() -> Command.of("x").withEnv("A=B", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.of("x").withEnv("", "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeoutMustBePositive() {
        assertThatThrownBy(() -> Command.of("x").withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
