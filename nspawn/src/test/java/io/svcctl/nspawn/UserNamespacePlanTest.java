package io.svcctl.nspawn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UserNamespacePlanTest {
    static final UidRange SHIFTED = new UidRange(0x70000 + 0x10000);
    static final UidRange FRESH = new UidRange(0x100000);

    @Test
    void aShiftedTreeRunsInItsOwnRangeWithOwnershipLeftAlone() {
        UserNamespacePlan plan = UserNamespacePlan.decide(TreeOwnership.shiftedTo(SHIFTED), true, FRESH);
        assertThat(plan.privateUsers()).isEqualTo(PrivateUsers.range(SHIFTED));
        assertThat(plan.privateUsers().word()).isEqualTo("524288:65536");
        assertThat(plan.ownership()).isEqualTo(PrivateUsersOwnership.OFF);
        assertThat(plan.volumeBindOptions()).isEmpty();
        assertThat(plan.volumeIdShift()).isEqualTo(524288);
        assertThat(plan.warning()).isEmpty();
    }

    @Test
    void anUnshiftedTreeOnIdmappingStorageIsMappedIntoTheFreshRange() {
        UserNamespacePlan plan = UserNamespacePlan.decide(TreeOwnership.unshifted(), true, FRESH);
        assertThat(plan.privateUsers().word()).isEqualTo("1048576:65536");
        assertThat(plan.ownership()).isEqualTo(PrivateUsersOwnership.MAP);
        assertThat(plan.volumeBindOptions()).containsExactly("idmap");
        assertThat(plan.volumeIdShift()).isZero();
        assertThat(plan.warning()).isEmpty();
    }

    @Test
    void anUnshiftedTreeWithoutIdmappingRunsWithoutUserNamespaceAndSaysSo() {
        UserNamespacePlan plan = UserNamespacePlan.decide(TreeOwnership.unshifted(), false, FRESH);
        assertThat(plan.privateUsers()).isEqualTo(PrivateUsers.off());
        assertThat(plan.privateUsers().word()).isEqualTo("no");
        assertThat(plan.ownership()).isNull();
        assertThat(plan.volumeBindOptions()).isEqualTo(List.of());
        assertThat(plan.warning()).hasValueSatisfying(w -> assertThat(w)
                .contains("root in the container is root on the host").contains("OpenZFS 2.2"));
    }

    @Test
    void pickLeavesTheChoiceToNspawn() {
        assertThat(PrivateUsers.pick().word()).isEqualTo("pick");
    }
}
