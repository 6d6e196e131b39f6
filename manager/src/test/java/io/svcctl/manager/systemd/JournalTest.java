package io.svcctl.manager.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JournalTest {

    @Test
    void tailAsksForTheLastLinesOfOneUnit() {
        assertThat(Journal.command("svcctl-web.service", 50, false).argv()).containsExactly(
                "journalctl", "--unit", "svcctl-web.service", "--lines", "50", "--output", "short-iso",
                "--no-pager", "--quiet");
    }

    @Test
    void followAddsFollow() {
        assertThat(Journal.command("svcctl-web.service", 10, true).argv()).endsWith("--follow");
    }

    @Test
    void unitNameStaysOneArgumentWhateverItContains() {
        assertThat(Journal.command("a b;c.service", 1, false).argv()).contains("a b;c.service");
    }

    @Test
    void negativeLineCountIsRejected() {
        assertThatThrownBy(() -> Journal.command("a.service", -1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
