package io.svcctl.manager.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JobResultTest {

    @ParameterizedTest
    @CsvSource({
        "done, DONE", "canceled, CANCELED", "timeout, TIMEOUT",
        "failed, FAILED", "dependency, DEPENDENCY", "skipped, SKIPPED"})
    void mapsEveryDocumentedResult(String wire, JobResult expected) {
        assertThat(JobResult.fromWire(wire)).isEqualTo(expected);
        assertThat(expected.wireName()).isEqualTo(wire);
    }

    @Test
    void onlyDoneSucceeded() {
        assertThat(JobResult.values()).filteredOn(JobResult::succeeded).containsExactly(JobResult.DONE);
    }

    @Test
    void unknownResultIsNamed() {
        assertThatThrownBy(() -> JobResult.fromWire("exploded"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'exploded'");
    }

    @Test
    void jobModesUseSystemdSpelling() {
        assertThat(JobMode.REPLACE.wireName()).isEqualTo("replace");
        assertThat(JobMode.REPLACE_IRREVERSIBLY.wireName()).isEqualTo("replace-irreversibly");
        assertThat(JobMode.IGNORE_DEPENDENCIES.wireName()).isEqualTo("ignore-dependencies");
    }
}
