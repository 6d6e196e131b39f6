package io.svcctl.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdShiftTest {
    @Test
    void noneKeepsEveryValidId() {
        assertThat(IdShift.NONE.shifts()).isFalse();
        assertThat(IdShift.NONE.map(0, "uid")).isZero();
        assertThat(IdShift.NONE.map(4_294_967_294L, "uid")).isEqualTo(4_294_967_294L);
        assertThatThrownBy(() -> IdShift.NONE.map(4_294_967_295L, "uid")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shiftsIntoTheRange() {
        IdShift s = IdShift.of(524_288);
        assertThat(s.map(0, "uid")).isEqualTo(524_288);
        assertThat(s.map(65_535, "gid")).isEqualTo(589_823);
        assertThatThrownBy(() -> s.map(65_536, "gid"))
                .hasMessage("gid 65536 is outside the id range 0..65535 of the user namespace starting at host id 524288");
    }

    @Test
    void refusesRangesPastTheIdSpace() {
        assertThatThrownBy(() -> new IdShift(4_294_967_295L - 65_535, 65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdShift(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdShift(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
