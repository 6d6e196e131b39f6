package io.svcctl.testhost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SvcctlDistTest {
    @Test
    void thePropertyWinsOverTheEnvironment() {
        assertThat(SvcctlDist.choose("/a", "/b")).contains(Path.of("/a"));
        assertThat(SvcctlDist.choose(null, "/b")).contains(Path.of("/b"));
        assertThat(SvcctlDist.choose(" ", "/b")).contains(Path.of("/b"));
        assertThat(SvcctlDist.choose(null, "")).isEmpty();
    }

    @Test
    void mountsReadOnlyAtOptSvcctl() {
        assertThat(new SvcctlDist(Path.of("/x/../dist")).bindReadOnly()).isEqualTo("/dist:/opt/svcctl");
    }
}
