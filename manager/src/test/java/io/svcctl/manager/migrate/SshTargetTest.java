package io.svcctl.manager.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svcctl.manager.SvcctlException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshTargetTest {
    @Test
    void userHostAndPortBecomeAnSshArgvWithoutPrompts() {
        SshTarget t = SshTarget.parse("ssh://root@10.0.0.2:2222");
        assertThat(t).isEqualTo(new SshTarget("root", "10.0.0.2", 2222));
        assertThat(t.sshArgv(List.of("StrictHostKeyChecking=no"))).containsSubsequence("ssh", "-o", "BatchMode=yes")
                .containsSubsequence("-p", "2222").containsSubsequence("-o", "StrictHostKeyChecking=no")
                .endsWith("--", "root@10.0.0.2");
    }

    @Test
    void userAndPortAreOptional() {
        assertThat(SshTarget.parse("ssh://backup.example.org")).isEqualTo(new SshTarget(null, "backup.example.org", null));
        assertThat(SshTarget.parse("ssh://[fd00::2]").host()).isEqualTo("fd00::2");
    }

    @Test
    void anythingThatCouldBecomeAnOptionOrAShellWordIsRefused() {
        for (String bad : List.of("root@host", "ssh://-oProxyCommand=x", "ssh://host;rm", "ssh://a b", "ssh://host:0",
                "ssh://host:99999", "http://host")) {
            assertThatThrownBy(() -> SshTarget.parse(bad)).as(bad).isInstanceOf(SvcctlException.class);
        }
    }
}
