package io.svcctl.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceUnitTest {
    static final ServiceName WEB = ServiceName.parse("web");
    static final ServiceName API = ServiceName.parse("api");

    static ServiceUnit plain() {
        return ServiceUnit.builder(WEB, Path.of("/var/lib/svcctl/services/web/rootfs")).build();
    }

    /** Dependencies, limits, restarts and two ports on an isolated network. */
    static ServiceUnit full() {
        return ServiceUnit.builder(API, Path.of("/var/lib/svcctl/services/api/rootfs"))
                .description("svcctl service api (registry.local/api:1.2)")
                .after(ServiceName.parse("db").unitName())
                .requires(ServiceName.parse("db").unitName())
                .wants(ServiceName.parse("cache").unitName())
                .memoryMax(512L * 1024 * 1024)
                .cpus(1.5)
                .tasksMax(512L)
                .restart(Restart.ON_FAILURE, Duration.ofSeconds(5))
                .ports(PortPlan.of(API, NetworkMode.ISOLATED,
                        List.of(PublishedPort.tcp(8080, 80), PublishedPort.tcp(8443, 443))))
                .build();
    }

    /** A pool mounted somewhere odd: the path lands in ExecStart= and must survive quoting. */
    static ServiceUnit hostileRoot() {
        return ServiceUnit.builder(WEB, Path.of("/srv/pool 100%/$HOME/it's \"q\"/back\\slash/日本/rootfs"))
                .description("web: 100% \"odd\" $HOME %h")
                .build();
    }

    @Test
    void rendersAPlainServiceUnit() {
        Golden.assertMatches(plain().toUnitFile().render(), "svcctl-web.service");
    }

    @Test
    void rendersDependenciesLimitsRestartAndPorts() {
        Golden.assertMatches(full().toUnitFile().render(), "svcctl-api.service");
    }

    @Test
    void rendersAHostileRootDirectory() {
        Golden.assertMatches(hostileRoot().toUnitFile().render(), "svcctl-web-hostile-root.service");
    }

    @Test
    void runsNspawnWithTheMachineNameAndRootAndTheSettingsFileInCharge() {
        assertThat(plain().command()).containsExactly("systemd-nspawn", "--quiet", "--keep-unit",
                "--settings=override", "--console=pipe", "--machine=web",
                "--directory=/var/lib/svcctl/services/web/rootfs");
        assertThat(plain().unitName().value()).isEqualTo("svcctl-web.service");
        assertThat(plain().toUnitFile().name()).isEqualTo("svcctl-web.service");
    }

    @Test
    void writesCpusAsSystemdPercentages() {
        assertThat(ServiceUnit.percent(1)).isEqualTo("100%");
        assertThat(ServiceUnit.percent(0.5)).isEqualTo("50%");
        assertThat(ServiceUnit.percent(0.333)).isEqualTo("33.3%");
        assertThat(ServiceUnit.percent(2.00001)).isEqualTo("200%");
        assertThat(ServiceUnit.percent(0.0001)).isEqualTo("0.01%");
    }

    @Test
    void writesTimespansInSecondsOrMilliseconds() {
        assertThat(ServiceUnit.timespan(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(ServiceUnit.timespan(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(ServiceUnit.timespan(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void leavesRestartSecOutWhenItNeverRestarts() {
        String text = plain().toUnitFile().render();
        assertThat(text).contains("Restart=no\n").doesNotContain("RestartSec");
    }

    @Test
    void refusesInvalidSettings() {
        Path root = Path.of("/var/lib/svcctl/services/web/rootfs");
        assertThatThrownBy(() -> ServiceUnit.builder(WEB, Path.of("rootfs")).build()).hasMessageContaining("absolute");
        assertThatThrownBy(() -> ServiceUnit.builder(WEB, Path.of("/a/../b")).build()).hasMessageContaining("normalized");
        assertThatThrownBy(() -> ServiceUnit.builder(WEB, root).cpus(0.0).build()).hasMessageContaining("CPU quota");
        assertThatThrownBy(() -> ServiceUnit.builder(WEB, root).memoryMax(0L).build()).hasMessageContaining("MemoryMax");
        assertThatThrownBy(() -> ServiceUnit.builder(WEB, root).tasksMax(0L).build()).hasMessageContaining("TasksMax");
        assertThatThrownBy(() -> ServiceUnit.builder(WEB, root).description(" ").build()).hasMessageContaining("description");
        assertThatThrownBy(() -> ServiceUnit.builder(WEB, root).restart(Restart.ALWAYS, Duration.ofSeconds(-1)).build())
                .hasMessageContaining("RestartSec");
        assertThatThrownBy(() -> ServiceUnit.builder(WEB, root).ports(PortPlan.none(API, NetworkMode.HOST)).build())
                .hasMessageContaining("port plan belongs to api");
    }

    @Test
    void aDescriptionThatCannotBeWrittenFailsNamingTheKey() {
        ServiceUnit unit = ServiceUnit.builder(WEB, Path.of("/r")).description("two\nlines").build();
        assertThatThrownBy(() -> unit.toUnitFile().render())
                .isInstanceOf(UnitRenderException.class)
                .hasMessageStartingWith("while rendering svcctl-web.service: Description= in [Unit] the value contains a newline");
    }
}
