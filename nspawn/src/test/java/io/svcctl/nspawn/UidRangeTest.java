package io.svcctl.nspawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UidRangeTest {

    @Test
    void allocatesTheLowestFreeRangeFromSystemdsContainerSpan() {
        assertThat(UidRange.firstFree(List.of())).isEqualTo(new UidRange(524288));
        assertThat(UidRange.firstFree(List.of(new UidRange(524288), new UidRange(655360))))
                .isEqualTo(new UidRange(589824));
        assertThat(UidRange.firstFree(List.of(new UidRange(589824)))).isEqualTo(new UidRange(524288));
    }

    @Test
    void saysSoWhenEveryRangeIsTaken() {
        List<UidRange> all = new ArrayList<>();
        for (long b = UidRange.FIRST_BASE; b <= UidRange.LAST_BASE; b += UidRange.SIZE) {
            all.add(new UidRange(b));
        }
        assertThat(all).hasSize(28664);
        assertThatThrownBy(() -> UidRange.firstFree(all))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("while allocating a uid range: all 28664 container ranges are in use");
    }

    @Test
    void mapsContainerIdsIntoTheRange() {
        UidRange r = new UidRange(0x80000);
        assertThat(r.hostId(0)).isEqualTo(524288);
        assertThat(r.hostId(65535)).isEqualTo(589823);
        assertThat(r).hasToString("524288:65536");
        assertThatThrownBy(() -> r.hostId(65536)).hasMessageContaining("outside 0-65535");
    }

    @Test
    void refusesBasesOutsideTheContainerSpanOrUnaligned() {
        assertThatThrownBy(() -> new UidRange(0)).hasMessageContaining("multiple of 65536");
        assertThatThrownBy(() -> new UidRange(65536)).hasMessageContaining("multiple of 65536");
        assertThatThrownBy(() -> new UidRange(524289)).hasMessageContaining("multiple of 65536");
        assertThatThrownBy(() -> new UidRange(0x70000000L)).hasMessageContaining("multiple of 65536");
        assertThat(new UidRange(0x6FFF0000L).hostId(65535)).isEqualTo(0x6FFFFFFFL);
    }
}
