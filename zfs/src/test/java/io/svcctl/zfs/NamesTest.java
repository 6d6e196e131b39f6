package io.svcctl.zfs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"tank", "tank/svcctl", "tank/svcctl/images/sha256:0a1b", "Pool_1/a.b-c:d/e_f"})
    void validDatasetNames(String name) {
        assertThat(DatasetName.parse(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-o", "tank/-o", "-otank", "a/../b", "a/./b", "a/..", "a@b", "a#b", "a%b", "pool/x y", "pool/x\ny",
        "pool/x\ty", "a//b", "/tank", "tank/", "", "tank/a,b", "tank/a=b", "tank/é", "1pool/a", "mirror/a",
        "raidz1", "c0t0d0/a", "log", "spare0/x", "tank/$(reboot)", "tank/`id`", "tank/a;b", "tank/a\0b"
    })
    void hostileOrInvalidDatasetNamesAreRefused(String name) {
        assertThatThrownBy(() -> DatasetName.parse(name)).isInstanceOf(InvalidZfsNameException.class);
    }

    @Test
    void veryLongNamesAreRefusedWithTheirLength() {
        String name = "tank/" + "a".repeat(251);
        assertThatThrownBy(() -> DatasetName.parse(name))
                .hasMessageContaining("256 characters long; the limit is 255")
                .hasMessageContaining("...'");
        assertThat(DatasetName.parse("tank/" + "a".repeat(250)).value()).hasSize(255);
    }

    @Test
    void messagesShowControlCharactersEscaped() {
        assertThatThrownBy(() -> DatasetName.parse("pool/x\ny"))
                .hasMessage("invalid dataset name 'pool/x\\u000ay': character U+000A is not allowed;"
                        + " use letters, digits and _ - . :");
        assertThatThrownBy(() -> DatasetName.parse("pool/x y"))
                .hasMessageContaining("character ' ' (space) is not allowed");
        assertThatThrownBy(() -> DatasetName.parse("a/../b")).hasMessageContaining("'..' is not allowed");
        assertThatThrownBy(() -> DatasetName.parse("a//b")).hasMessageContaining("empty component");
        assertThatThrownBy(() -> DatasetName.parse("-o")).hasMessageContaining("must begin with a letter");
    }

    @Test
    void childTakesExactlyOneComponent() {
        DatasetName root = DatasetName.parse("tank/svcctl");
        assertThat(root.child("services").child("web").value()).isEqualTo("tank/svcctl/services/web");
        for (String hostile : new String[] {"..", ".", "a/b", "-o", "", "a@b", "x y", "/etc"}) {
            assertThatThrownBy(() -> root.child(hostile)).as(hostile).isInstanceOf(InvalidZfsNameException.class);
        }
    }

    @Test
    void navigation() {
        DatasetName web = DatasetName.parse("tank/svcctl/services/web");
        DatasetName root = DatasetName.parse("tank/svcctl");
        assertThat(web.pool()).isEqualTo(PoolName.parse("tank"));
        assertThat(web.parent()).contains(DatasetName.parse("tank/svcctl/services"));
        assertThat(DatasetName.parse("tank").parent()).isEmpty();
        assertThat(web.leaf()).isEqualTo("web");
        assertThat(web.isDescendantOf(root)).isTrue();
        assertThat(DatasetName.parse("tank/svcctlx").isDescendantOf(root)).isFalse();
        assertThat(root.isDescendantOf(root)).isFalse();
        assertThat(web.relativeTo(root)).isEqualTo("services/web");
        assertThat(web.components()).containsExactly("tank", "svcctl", "services", "web");
    }

    @Test
    void snapshotNames() {
        SnapshotName snap = SnapshotName.parse("tank/img@l3");
        assertThat(snap.dataset()).isEqualTo(DatasetName.parse("tank/img"));
        assertThat(snap.snapshot()).isEqualTo("l3");
        assertThat(snap.value()).isEqualTo("tank/img@l3");
        assertThat(DatasetName.parse("tank/img").snapshot("l3")).isEqualTo(snap);
        assertThat(ZfsName.parse("tank/img@l3")).isEqualTo(snap);
        assertThat(ZfsName.parse("tank/img")).isEqualTo(DatasetName.parse("tank/img"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tank/img", "tank/img@", "tank/img@a@b", "@snap", "tank/img@-o", "tank/img@a/b",
        "tank/img@..", "tank/img@a b", "tank/img@a#b", "tank//img@s"})
    void invalidSnapshotNames(String name) {
        assertThatThrownBy(() -> SnapshotName.parse(name)).isInstanceOf(InvalidZfsNameException.class);
    }

    @Test
    void snapshotNameLengthCountsTheWholeName() {
        DatasetName dataset = DatasetName.parse("tank/" + "a".repeat(245));
        assertThat(dataset.snapshot("s".repeat(4)).value()).hasSize(255);
        assertThatThrownBy(() -> dataset.snapshot("s".repeat(5))).hasMessageContaining("the limit is 255");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mountpoint", "receive_resume_token", "svcctl:image", "com.example:a-b.c_d", "svcctl:a:b"})
    void validPropertyNames(String name) {
        assertThat(PropertyName.parse(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-o", "Mountpoint", "svcctl:Image", ":image", "svcctl:", "a,b", "a=b", "svc ctl:x",
        "userquota@bob", "", "svcctl:x\ny", "1abc", "-svcctl:x"})
    void invalidPropertyNames(String name) {
        assertThatThrownBy(() -> PropertyName.parse(name)).isInstanceOf(InvalidZfsNameException.class);
    }

    @Test
    void userProperties() {
        assertThat(PropertyName.user("svcctl", "image").isUserProperty()).isTrue();
        assertThat(PropertyName.MOUNTPOINT.isUserProperty()).isFalse();
    }

    @Test
    void holdTagsAndPoolNames() {
        assertThat(HoldTag.parse("svcctl-migrate").value()).isEqualTo("svcctl-migrate");
        assertThatThrownBy(() -> HoldTag.parse("-r")).isInstanceOf(InvalidZfsNameException.class);
        assertThatThrownBy(() -> HoldTag.parse("a b")).isInstanceOf(InvalidZfsNameException.class);
        assertThat(PoolName.parse("svcctl").rootDataset()).isEqualTo(DatasetName.parse("svcctl"));
        assertThatThrownBy(() -> PoolName.parse("tank/a")).isInstanceOf(InvalidZfsNameException.class);
    }

    @Test
    void resumeTokens() {
        String token = "1-e604ea4bf-e0-789c63a2a0a44b5e";
        assertThat(new ResumeToken(token).value()).isEqualTo(token);
        assertThatThrownBy(() -> new ResumeToken("-t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResumeToken("1-ab cd")).isInstanceOf(IllegalArgumentException.class);
    }
}
