package io.svcctl.exec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ssh form's quoting, checked against a real POSIX shell standing in for the remote side. */
class PrefixedCommandRunnerIT {

    @Test
    void argumentsSurviveTheRemoteShellUnchanged() {
        // ssh HOST CMD hands CMD to the remote user's shell; `sh -c CMD` does exactly that here
        CommandRunner remote = PrefixedCommandRunner.ssh(new LocalCommandRunner(), List.of("sh", "-c"));
        List<String> hostile = List.of("two words", "it's", "$HOME", "`id`", "$(id)", "a;b", "x\ny", "*", "-o", "", "\\");
        List<String> argv = new ArrayList<>(List.of("printf", "[%s]"));
        argv.addAll(hostile);
        CommandResult result = remote.run(Command.of(argv).withEnv("SVCCTL_REMOTE", "v a l"));
        StringBuilder expected = new StringBuilder();
        hostile.forEach(h -> expected.append('[').append(h).append(']'));
        assertThat(result.stdoutText()).isEqualTo(expected.toString());
        assertThat(remote.run(Command.of("printenv", "SVCCTL_REMOTE").withEnv("SVCCTL_REMOTE", "v a l")).stdoutText())
                .isEqualTo("v a l\n");
    }
}
