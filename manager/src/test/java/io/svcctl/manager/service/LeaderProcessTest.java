package io.svcctl.manager.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LeaderProcessTest {
    @Test
    void sleepingAndRunningProcessesRun() {
        assertThat(LeaderProcess.isRunning("412 (sh) S 398 412 412 0 -1 4194560 133 0 0 0")).isTrue();
        assertThat(LeaderProcess.isRunning("7 (busybox) R 1 7 7 0 -1 4194560 133 0 0 0")).isTrue();
    }

    @Test
    void zombiesAndDeadOnesDoNot() {
        assertThat(LeaderProcess.isRunning("412 (sh) Z 398 412 412 0 -1 4194560 133 0 0 0")).isFalse();
        assertThat(LeaderProcess.isRunning("412 (sh) X 398 412 412 0 -1 4194560 133 0 0 0")).isFalse();
    }

    @Test
    void theStateIsReadAfterTheLastParenthesisOfTheName() {
        assertThat(LeaderProcess.isRunning("9 (a) Z (b) S 1 9 9 0 -1 0")).isTrue();
        assertThat(LeaderProcess.isRunning("9 (a) S (b) Z 1 9 9 0 -1 0")).isFalse();
    }

    @Test
    void thisProcessRunsAndAnEndedOneDoesNot() throws Exception {
        assertThat(LeaderProcess.isRunning(ProcessHandle.current().pid())).isTrue();
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        assertThat(LeaderProcess.isRunning(ended.pid())).isFalse();
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> LeaderProcess.isRunning("garbage")).isInstanceOf(IllegalArgumentException.class);
    }
}
