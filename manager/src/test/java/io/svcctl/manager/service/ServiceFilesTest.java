package io.svcctl.manager.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.svcctl.units.NetworkMode;
import io.svcctl.units.PublishedPort;
import io.svcctl.units.Restart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceFilesTest {
    private static final long SHIFT = 0x6FFF0000L;
    private static final ServiceFiles FILES = new ServiceFiles(Path.of("/u"), Path.of("/n"),
            s -> Path.of("/var/lib/svcctl/services", s, "rootfs"),
            (s, v) -> Path.of("/var/lib/svcctl/services", s, "volumes", v), SHIFT);

    private static ServiceSpec spec(NetworkMode network, Long uidBase, PublishedPort... ports) {
        return new ServiceSpec("web", "abc", "busybox", List.of("httpd"), Map.of(), "/", "", List.of(ports),
                List.of(), null, Restart.NO, network, uidBase, null, List.of());
    }

    @Test
    void aLowPortOnTheHostNetworkInAUserNamespaceWarnsAndSuggestsIsolated() {
        List<String> warnings = FILES.render(spec(NetworkMode.HOST, SHIFT, PublishedPort.tcp(80, 80),
                PublishedPort.tcp(8443, 443), PublishedPort.tcp(9000, 9000))).warnings();
        assertThat(warnings).singleElement().asString().contains("port 80, 443 of the host's network")
                .contains("EACCES").contains("--network isolated -p 80:80");
    }

    @Test
    void noLowPortWarningWhenIsolatedHighOrWithoutUserNamespace() {
        assertThat(FILES.render(spec(NetworkMode.ISOLATED, SHIFT, PublishedPort.tcp(80, 80))).warnings()).isEmpty();
        assertThat(FILES.render(spec(NetworkMode.HOST, SHIFT, PublishedPort.tcp(80, 8080))).warnings()).isEmpty();
        assertThat(FILES.render(spec(NetworkMode.HOST, null, PublishedPort.tcp(80, 80))).warnings())
                .singleElement().asString().contains("without a user namespace");
    }
}
