package io.svcctl.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitNameTest {

    @Test
    void escapesStringsAsSystemdEscapeDoes() {
        for (String[] row : EscapeTable.STRINGS) {
            assertThat(UnitName.escape(row[0])).as("escape(%s)", row[0]).isEqualTo(row[1]);
        }
    }

    @Test
    void escapesPathsAsSystemdEscapePathDoes() {
        for (String[] row : EscapeTable.PATHS) {
            assertThat(UnitName.escapePath(row[0])).as("escapePath(%s)", row[0]).isEqualTo(row[1]);
        }
    }

    @Test
    void refusesPathsThatCannotBeEscapedReversibly() {
        assertThatThrownBy(() -> UnitName.escapePath("a/b")).hasMessageContaining("not absolute");
        assertThatThrownBy(() -> UnitName.escapePath("/a/../b")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> UnitName.escape("x\uDC00")).hasMessageContaining("not valid Unicode");
    }

    @Test
    void everyEscapedStringMakesAValidUnitName() {
        for (String[] row : EscapeTable.STRINGS) {
            if (!row[1].isEmpty()) {
                assertThat(UnitName.of("x-" + row[1], UnitType.SERVICE).type()).isEqualTo(UnitType.SERVICE);
            }
        }
    }

    @Test
    void acceptsPlainTemplateAndInstanceNames() {
        assertThat(UnitName.parse("svcctl-web.service").type()).isEqualTo(UnitType.SERVICE);
        assertThat(UnitName.parse("systemd-nspawn@.service").stem()).isEqualTo("systemd-nspawn@");
        assertThat(UnitName.parse("getty@tty1.service").type()).isEqualTo(UnitType.SERVICE);
        assertThat(UnitName.parse("sys-devices-pci0000:00.device").type()).isEqualTo(UnitType.DEVICE);
        assertThat(UnitName.parse("dev-disk-by\\x2duuid-1.swap").type()).isEqualTo(UnitType.SWAP);
        assertThat(UnitName.parse("a@b@c.socket").type()).isEqualTo(UnitType.SOCKET);
        assertThat(UnitName.parse("x".repeat(247) + ".service").value()).hasSize(255);
    }

    @Test
    void refusesInvalidUnitNames() {
        assertThatThrownBy(() -> UnitName.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> UnitName.parse("web")).hasMessageContaining("type suffix");
        assertThatThrownBy(() -> UnitName.parse(".service")).hasMessageContaining("type suffix");
        assertThatThrownBy(() -> UnitName.parse("web.serv")).hasMessageContaining("'.serv' is not a unit type");
        assertThatThrownBy(() -> UnitName.parse("my web.service")).hasMessageContaining("character ' '");
        assertThatThrownBy(() -> UnitName.parse("a%b.service")).hasMessageContaining("character '%'");
        assertThatThrownBy(() -> UnitName.parse("@x.service")).hasMessageContaining("before '@' is empty");
        assertThatThrownBy(() -> UnitName.parse("x".repeat(248) + ".service")).hasMessageContaining("longer than 255");
    }
}
