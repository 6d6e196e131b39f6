package io.svcctl.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void aServiceNameGivesItsUnitAndMachineNames() {
        ServiceName web = ServiceName.parse("web-1.prod");
        assertThat(web.unitName()).isEqualTo(UnitName.parse("svcctl-web-1.prod.service"));
        assertThat(web.machineName()).isEqualTo(MachineName.parse("web-1.prod"));
        assertThat(web.helperUnit("port-8080", UnitType.SOCKET).value()).isEqualTo("svcctl-web-1.prod_port-8080.socket");
    }

    @Test
    void findsTheServiceOfAContainerUnitButNotOfHelpersOrForeignUnits() {
        assertThat(ServiceName.ofUnit(UnitName.parse("svcctl-web.service"))).contains(ServiceName.parse("web"));
        assertThat(ServiceName.ofUnit(UnitName.parse("svcctl-web_port-80.service"))).isEmpty();
        assertThat(ServiceName.ofUnit(UnitName.parse("svcctl-web.socket"))).isEmpty();
        assertThat(ServiceName.ofUnit(UnitName.parse("sshd.service"))).isEmpty();
        assertThat(ServiceName.ofUnit(UnitName.parse("svcctl-Web.service"))).isEmpty();
    }

    @Test
    void aHelperUnitOfOneServiceIsNeverAnotherServicesUnit() {
        // the trap a '-' separator would set: service "web" port 8080 vs a service named "web-port-8080"
        UnitName helper = ServiceName.parse("web").helperUnit("port-8080", UnitType.SERVICE);
        assertThat(helper).isNotEqualTo(ServiceName.parse("web-port-8080").unitName());
        assertThatThrownBy(() -> ServiceName.parse("web_port-8080")).hasMessageContaining("'_'");
    }

    @Test
    void refusesServiceNamesThatAreNotAlsoMachineNames() {
        assertThat(ServiceName.parse("a").value()).isEqualTo("a");
        assertThat(ServiceName.parse("0day").value()).isEqualTo("0day");
        assertThat(ServiceName.parse("x".repeat(63)).value()).hasSize(63);
        assertThatThrownBy(() -> ServiceName.parse("")).hasMessageContaining("must be 1-63");
        assertThatThrownBy(() -> ServiceName.parse("x".repeat(64))).hasMessageContaining("must be 1-63");
        assertThatThrownBy(() -> ServiceName.parse("Web")).hasMessageContaining("must be 1-63");
        assertThatThrownBy(() -> ServiceName.parse("-web")).hasMessageContaining("must be 1-63");
        assertThatThrownBy(() -> ServiceName.parse("a..b")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> ServiceName.parse("my_db")).hasMessageContaining("machine name");
        assertThatThrownBy(() -> ServiceName.parse("web-")).hasMessageContaining("starts or ends with '-'");
        assertThatThrownBy(() -> ServiceName.parse("a.-b")).hasMessageContaining("starts or ends with '-'");
        assertThatThrownBy(() -> ServiceName.parse("web.")).hasMessageContaining("empty label");
        assertThatThrownBy(() -> ServiceName.parse("a b")).hasMessageContaining("must be 1-63");
        assertThatThrownBy(() -> ServiceName.parse(null)).hasMessageContaining("must be 1-63");
    }

    @Test
    void machineNamesFollowHostnameRules() {
        assertThat(MachineName.parse("Web-1.example").value()).isEqualTo("Web-1.example");
        assertThat(MachineName.parse("x".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> MachineName.parse("x".repeat(65))).hasMessageContaining("longer than 64");
        assertThatThrownBy(() -> MachineName.parse("a_b")).hasMessageContaining("character '_'");
        assertThatThrownBy(() -> MachineName.parse(".a")).hasMessageContaining("empty label");
        assertThatThrownBy(() -> MachineName.parse("a..b")).hasMessageContaining("empty label");
        assertThatThrownBy(() -> MachineName.parse("-a")).hasMessageContaining("starts or ends with '-'");
        assertThatThrownBy(() -> MachineName.parse("")).hasMessageContaining("empty");
    }
}
