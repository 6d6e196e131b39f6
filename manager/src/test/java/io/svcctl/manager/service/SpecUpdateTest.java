package io.svcctl.manager.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svcctl.units.NetworkMode;
import io.svcctl.units.PublishedPort;
import io.svcctl.units.Restart;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecUpdateTest {
    private static final ServiceSpec WEB = new ServiceSpec("web", "abc", "busybox:latest",
            List.of("httpd", "-f"), Map.of("A", "1", "B", "2"), "/", "", List.of(PublishedPort.tcp(8080, 80)),
            List.of(new VolumeSpec("data", "/data", false)), new Limits(512L << 20, 1.0, null), Restart.NO,
            NetworkMode.ISOLATED, 0x6FFF0000L, null, List.of());

    private static SpecUpdate update(List<String> set, List<String> unset) {
        return new SpecUpdate(set, unset, List.of(), List.of(), List.of(), Change.keep(), Change.keep(),
                Change.keep(), null, null);
    }

    @Test
    void nothingAskedChangesNothing() {
        SpecUpdate none = update(List.of(), List.of());
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.apply(WEB)).isEqualTo(WEB);
    }

    @Test
    void envIsSetOverAndUnset() {
        ServiceSpec s = update(List.of("B=two", "C=a=b"), List.of("A")).apply(WEB);
        assertThat(s.env()).containsExactly(Map.entry("B", "two"), Map.entry("C", "a=b"));
        assertThatThrownBy(() -> update(List.of(), List.of("NOPE")).apply(WEB))
                .hasMessageContaining("no variable NOPE to unset");
        assertThatThrownBy(() -> update(List.of("1X=y"), List.of()).apply(WEB))
                .hasMessageContaining("not a valid environment variable name");
    }

    @Test
    void limitsAreKeptSetOrCleared() {
        SpecUpdate u = new SpecUpdate(List.of(), List.of(), List.of(), List.of(), List.of(), Change.to(null),
                Change.to(2.5), Change.to(100L), Restart.ALWAYS, NetworkMode.HOST);
        ServiceSpec s = u.apply(WEB);
        assertThat(s.limits()).isEqualTo(new Limits(null, 2.5, 100L));
        assertThat(s.restart()).isEqualTo(Restart.ALWAYS);
        assertThat(s.network()).isEqualTo(NetworkMode.HOST);
        assertThat(s.command()).isEqualTo(WEB.command());
        assertThat(s.uidBase()).isEqualTo(WEB.uidBase());
    }

    @Test
    void portsArePublishedReplacedAndUnpublishedByHostPort() {
        SpecUpdate u = new SpecUpdate(List.of(), List.of(), List.of(PublishedPort.tcp(8080, 81),
                PublishedPort.tcp(9090, 90)), List.of(), List.of(), Change.keep(), Change.keep(), Change.keep(), null,
                null);
        assertThat(u.apply(WEB).ports()).containsExactly(PublishedPort.tcp(8080, 81), PublishedPort.tcp(9090, 90));
        SpecUpdate drop = new SpecUpdate(List.of(), List.of(), List.of(), List.of(PublishedPort.tcp(8080, 8080)),
                List.of(), Change.keep(), Change.keep(), Change.keep(), null, null);
        assertThat(drop.apply(WEB).ports()).isEmpty();
        SpecUpdate udp = new SpecUpdate(List.of(), List.of(), List.of(), List.of(PublishedPort.udp(8080, 8080)),
                List.of(), Change.keep(), Change.keep(), Change.keep(), null, null);
        assertThatThrownBy(() -> udp.apply(WEB)).hasMessageContaining("does not publish host port 8080/udp");
    }

    @Test
    void volumesAreAddedOnceAndNeverDroppedOrMoved() {
        SpecUpdate add = new SpecUpdate(List.of(), List.of(), List.of(), List.of(),
                List.of(new VolumeSpec("logs", "/var/log", false)), Change.keep(), Change.keep(), Change.keep(),
                null, null);
        ServiceSpec s = add.apply(WEB);
        assertThat(SpecUpdate.addedVolumes(WEB, s)).containsExactly(new VolumeSpec("logs", "/var/log", false));
        assertThatThrownBy(() -> add.apply(s)).hasMessageContaining("has a volume logs already");

        ServiceSpec dropped = withVolumes(List.of());
        assertThatThrownBy(() -> SpecUpdate.addedVolumes(WEB, dropped)).hasMessageContaining("cannot be dropped");
        ServiceSpec moved = withVolumes(List.of(new VolumeSpec("data", "/srv", false)));
        assertThatThrownBy(() -> SpecUpdate.addedVolumes(WEB, moved)).hasMessageContaining("cannot move");
    }

    @Test
    void anEditCannotChangeWhatTheDatasetIs() {
        ServiceSpec otherImage = new ServiceSpec("web", "def", WEB.imageReference(), WEB.command(), WEB.env(),
                WEB.workingDir(), WEB.user(), WEB.ports(), WEB.volumes(), WEB.limits(), WEB.restart(), WEB.network(),
                WEB.uidBase(), null, List.of());
        assertThatThrownBy(() -> SpecUpdate.addedVolumes(WEB, otherImage)).hasMessageContaining("imageId");
    }

    private static ServiceSpec withVolumes(List<VolumeSpec> volumes) {
        return new ServiceSpec(WEB.name(), WEB.imageId(), WEB.imageReference(), WEB.command(), WEB.env(),
                WEB.workingDir(), WEB.user(), WEB.ports(), volumes, WEB.limits(), WEB.restart(), WEB.network(),
                WEB.uidBase(), null, List.of());
    }
}
