package io.svcctl.nspawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svcctl.units.Golden;
import io.svcctl.units.Hostile;
import io.svcctl.units.PublishedPort;
import io.svcctl.units.ServiceName;
import io.svcctl.units.UnitRenderException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NspawnSettingsTest {
    static final ServiceName WEB = ServiceName.parse("web");
    static final UidRange RANGE = new UidRange(524288);

    static NspawnSettings plain() {
        return NspawnSettings.builder(List.of("nginx", "-g", "daemon off;"))
                .env("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .env("NGINX_VERSION", "1.25.3")
                .build();
    }

    /** A tree shifted by the importer: fixed range, ownership off, volumes as plain binds. */
    static NspawnSettings shifted() {
        UserNamespacePlan plan = UserNamespacePlan.decide(TreeOwnership.shiftedTo(RANGE), false, null);
        return NspawnSettings.builder(List.of("/usr/local/bin/api", "--listen", ":8080"))
                .env("APP_ENV", "production")
                .workingDirectory("/srv/app")
                .user("www-data")
                .userNamespace(plan)
                .bind(Bind.readWrite(Path.of("/var/lib/svcctl/services/web/volumes/data"), "/var/lib/app"))
                .bind(Bind.readOnly(Path.of("/etc/ssl/certs"), "/etc/ssl/certs"))
                .build();
    }

    /** Idmapped storage: fresh range, ownership map, volumes bound with idmap. */
    static NspawnSettings mapped() {
        UserNamespacePlan plan = UserNamespacePlan.decide(TreeOwnership.unshifted(), true, new UidRange(589824));
        NspawnSettings.Builder b = NspawnSettings.builder(List.of("redis-server")).userNamespace(plan);
        b.bind(Bind.readWrite(Path.of("/var/lib/svcctl/services/cache/volumes/data"), "/data")
                .withOptions(plan.volumeBindOptions()));
        return b.build();
    }

    /** Every hostile word as an argument and a variable, and paths with colons, backslashes and blanks. */
    static NspawnSettings hostile(Path volume, String destination) {
        List<String> command = new ArrayList<>(List.of("/bin/busybox", "sh", "-c", "printf '%s\\0' \"$@\"", "sh"));
        command.addAll(Hostile.WORDS);
        NspawnSettings.Builder b = NspawnSettings.builder(command)
                .workingDirectory("/srv/my dir/100%/$HOME/日本")
                .bind(Bind.readWrite(volume, destination));
        for (int i = 0; i < Hostile.WORDS.size(); i++) {
            b.env("V" + i, Hostile.WORDS.get(i));
        }
        return b.build();
    }

    static NspawnSettings privateNetwork() {
        return NspawnSettings.builder(List.of("/bin/sh"))
                .commandAsPid1("SIGTERM")
                .notifyReady(true)
                .readOnly(true)
                .privateNetwork(true)
                .virtualEthernet(true)
                .port(PublishedPort.tcp(8080, 80))
                .port(PublishedPort.udp(5353, 53))
                .build();
    }

    @Test
    void rendersASingleProcessContainerWithoutUserNamespace() {
        Golden.assertMatches(plain().toUnitFile(WEB).render(), "web.nspawn");
    }

    @Test
    void rendersAShiftedTreeWithVolumes() {
        Golden.assertMatches(shifted().toUnitFile(WEB).render(), "web-shifted.nspawn");
    }

    @Test
    void rendersAnIdmappedTree() {
        Golden.assertMatches(mapped().toUnitFile(ServiceName.parse("cache")).render(), "cache-mapped.nspawn");
    }

    @Test
    void rendersHostileValues() {
        Golden.assertMatches(hostile(Path.of("/srv/vol: a\\b"), "/data/x:y z").toUnitFile(WEB).render(),
                "web-hostile.nspawn");
    }

    @Test
    void rendersTheNetworkSection() {
        Golden.assertMatches(privateNetwork().toUnitFile(WEB).render(), "web-network.nspawn");
    }

    @Test
    void isNamedAfterTheMachine() {
        assertThat(plain().toUnitFile(ServiceName.parse("web-1")).name()).isEqualTo("web-1.nspawn");
    }

    @Test
    void refusesAValueTheFileCannotCarryNamingTheKey() {
        NspawnSettings s = NspawnSettings.builder(List.of("/bin/sh", "-c", "echo a\necho b")).build();
        assertThatThrownBy(() -> s.toUnitFile(WEB).render())
                .isInstanceOf(UnitRenderException.class)
                .hasMessageStartingWith("while rendering web.nspawn: Parameters= in [Exec] item 3 contains a newline");
        NspawnSettings env = NspawnSettings.builder(List.of("/bin/sh")).env("A", "x\0y").build();
        assertThatThrownBy(() -> env.toUnitFile(WEB).render())
                .isInstanceOf(UnitRenderException.class)
                .hasMessageContaining("Environment= in [Exec] item 1 contains a NUL character");
        NspawnSettings dir = NspawnSettings.builder(List.of("/bin/sh")).workingDirectory("/srv/trailing ").build();
        assertThatThrownBy(() -> dir.toUnitFile(WEB).render())
                .isInstanceOf(UnitRenderException.class)
                .hasMessageContaining("WorkingDirectory= in [Exec] starts or ends with whitespace");
    }

    @Test
    void refusesSettingsNspawnWouldRejectOrMisread() {
        assertThatThrownBy(() -> NspawnSettings.builder(List.of()).build()).hasMessageContaining("needs a command");
        assertThatThrownBy(() -> NspawnSettings.builder(List.of("x")).env("A-B", "1").build())
                .hasMessageContaining("not a valid environment variable name");
        assertThatThrownBy(() -> NspawnSettings.builder(List.of("x")).workingDirectory("srv").build())
                .hasMessageContaining("absolute, normalized");
        assertThatThrownBy(() -> NspawnSettings.builder(List.of("x")).workingDirectory("/a/../b").build())
                .hasMessageContaining("absolute, normalized");
        assertThatThrownBy(() -> NspawnSettings.builder(List.of("x")).user("1000:1000").build())
                .hasMessageContaining("'user:group' is not supported");
        assertThatThrownBy(() -> NspawnSettings.builder(List.of("x")).user("a b").build())
                .hasMessageContaining("not a user name or uid");
        assertThatThrownBy(() -> NspawnSettings.builder(List.of("x")).commandAsPid1("TERM").build())
                .hasMessageContaining("not a signal name");
        assertThatThrownBy(() -> NspawnSettings.builder(List.of("x")).port(PublishedPort.tcp(80, 80)).build())
                .hasMessageContaining("needs a private network");
        assertThat(NspawnSettings.builder(List.of("x")).user("1000").build().user()).isEqualTo("1000");
    }

    @Test
    void refusesAKillSignalTheStubInitIgnores() {
        assertThatThrownBy(() -> new NspawnSettings(List.of("x"), java.util.Map.of(), null, null, true, "SIGTERM",
                false, PrivateUsers.off(), List.of(), null, null, null, null, List.of()))
                .hasMessageContaining("stub init ignores SIGTERM");
        assertThat(NspawnSettings.builder(List.of("x")).build().killSignal()).isEqualTo("SIGRTMIN+3");
        assertThat(NspawnSettings.builder(List.of("x")).commandAsPid1("SIGTERM").build().processTwo()).isFalse();
    }

    @Test
    void refusesBindsNspawnWouldRejectOrMisread() {
        assertThatThrownBy(() -> Bind.readWrite(Path.of("rel"), "/x")).hasMessageContaining("bind source");
        assertThatThrownBy(() -> Bind.readWrite(Path.of("/a/../b"), "/x")).hasMessageContaining("bind source");
        assertThatThrownBy(() -> Bind.readWrite(Path.of("/a"), "x")).hasMessageContaining("bind destination");
        assertThatThrownBy(() -> Bind.readWrite(Path.of("/a"), "/x/")).hasMessageContaining("bind destination");
        assertThatThrownBy(() -> Bind.readWrite(Path.of("/a"), "/x").withOptions(List.of("rw")))
                .hasMessageContaining("bind option 'rw'");
    }
}
