package io.svcctl.exec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrefixedCommandRunnerTest {

    private static final CommandRunner UNUSED = new LocalCommandRunner();

    @Test
    void nsenterPrependsItsArgvAndKeepsTheRest() {
        Command command = Command.of("zfs", "list", "-H").withEnv("LC_ALL", "C");
        Command wrapped = PrefixedCommandRunner.nsenter(UNUSED, 4242).wrap(command);
        assertThat(wrapped.argv()).containsExactly("nsenter", "-t", "4242", "-a", "zfs", "list", "-H");
        assertThat(wrapped.env()).containsEntry("LC_ALL", "C");
    }

    @Test
    void sshGetsOneQuotedRemoteCommandWithTheEnvironment() {
        Command command = Command.of("zfs", "set", "svcctl:note=two words; rm -rf /", "tank/a")
                .withEnv("LC_ALL", "C");
        Command wrapped = PrefixedCommandRunner.ssh(UNUSED, List.of("ssh", "-o", "BatchMode=yes", "root@b")).wrap(command);
        assertThat(wrapped.argv()).containsExactly("ssh", "-o", "BatchMode=yes", "root@b",
                "env LC_ALL=C zfs set 'svcctl:note=two words; rm -rf /' tank/a");
        assertThat(wrapped.env()).as("the environment travels in the remote command only").isEmpty();
    }

    @Test
    void aGenericPrefixIsTakenVerbatim() {
        Command wrapped = PrefixedCommandRunner.prefixed(UNUSED, List.of("chroot", "/srv/host")).wrap(Command.of("zpool", "list"));
        assertThat(wrapped.argv()).containsExactly("chroot", "/srv/host", "zpool", "list");
    }
}
