package io.svcctl.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortPlanTest {
    static final ServiceName WEB = ServiceName.parse("web");

    @Test
    void onTheHostNetworkASamePortNeedsNothingAndAnotherPortAProxyToLoopback() {
        PortPlan plan = PortPlan.of(WEB, NetworkMode.HOST,
                List.of(PublishedPort.tcp(80, 80), PublishedPort.udp(53, 53), PublishedPort.tcp(8080, 3000)));
        assertThat(plan.direct()).containsExactly(PublishedPort.tcp(80, 80), PublishedPort.udp(53, 53));
        assertThat(plan.forwards()).containsExactly(new PortForward(WEB, NetworkMode.HOST, PublishedPort.tcp(8080, 3000)));
        assertThat(plan.unitFiles()).extracting(UnitFile::name)
                .containsExactly("svcctl-web_port-8080.socket", "svcctl-web_port-8080.service");
    }

    @Test
    void onAnIsolatedNetworkEveryTcpPortGoesThroughAProxyInTheContainersNamespace() {
        PortPlan plan = PortPlan.of(WEB, NetworkMode.ISOLATED, List.of(PublishedPort.tcp(80, 80)));
        assertThat(plan.direct()).isEmpty();
        assertThat(plan.forwards()).singleElement().extracting(PortForward::mode).isEqualTo(NetworkMode.ISOLATED);
    }

    @Test
    void rendersTheSocketAndBothKindsOfProxy() {
        PortForward isolated = new PortForward(WEB, NetworkMode.ISOLATED, PublishedPort.tcp(8080, 80));
        PortForward host = new PortForward(WEB, NetworkMode.HOST, PublishedPort.tcp(8080, 80));
        Golden.assertMatches(isolated.socketUnit().render(), "svcctl-web_port-8080.socket");
        Golden.assertMatches(isolated.proxyUnit().render(), "svcctl-web_port-8080.service");
        Golden.assertMatches(host.proxyUnit().render(), "svcctl-web_port-8080-host.service");
        assertThat(host.socketUnit()).isEqualTo(isolated.socketUnit());
    }

    @Test
    void refusesUdpThatWouldNeedAProxy() {
        assertThatThrownBy(() -> PortPlan.of(WEB, NetworkMode.HOST, List.of(PublishedPort.udp(5353, 53))))
                .hasMessageStartingWith("while planning the ports of service web: cannot publish 5353:53/udp:")
                .hasMessageContaining("publish it as 53:53/udp");
        assertThatThrownBy(() -> PortPlan.of(WEB, NetworkMode.ISOLATED, List.of(PublishedPort.udp(53, 53))))
                .hasMessageContaining("TCP only");
    }

    @Test
    void refusesAHostPortPublishedTwice() {
        assertThatThrownBy(() -> PortPlan.of(WEB, NetworkMode.HOST,
                List.of(PublishedPort.tcp(8080, 80), PublishedPort.tcp(8080, 81))))
                .hasMessageContaining("host port 8080/tcp is published twice");
        assertThat(PortPlan.of(WEB, NetworkMode.HOST, List.of(PublishedPort.tcp(53, 53), PublishedPort.udp(53, 53)))
                .direct()).hasSize(2);
    }

    @Test
    void refusesPortsOutOfRange() {
        assertThatThrownBy(() -> PublishedPort.tcp(0, 80)).hasMessageContaining("host port 0");
        assertThatThrownBy(() -> PublishedPort.tcp(80, 65536)).hasMessageContaining("container port 65536");
        assertThatThrownBy(() -> new PortForward(WEB, NetworkMode.HOST, PublishedPort.udp(53, 53)))
                .hasMessageContaining("TCP only");
    }
}
