package io.svcctl.zfs;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZfsCommandsTest {

    private static final DatasetName IMG = DatasetName.parse("tank/svcctl/images/abc");
    private static final SnapshotName L2 = IMG.snapshot("l2");

    @Test
    void createPutsOptionsInNameOrderAndTheDatasetLast() {
        Map<PropertyName, String> props = new LinkedHashMap<>();
        props.put(PropertyName.parse("svcctl:kind"), "image");
        props.put(PropertyName.CANMOUNT, "noauto");
        assertThat(ZfsCommands.create(IMG, props, true)).containsExactly(
                "zfs", "create", "-p", "-o", "canmount=noauto", "-o", "svcctl:kind=image", "tank/svcctl/images/abc");
        assertThat(ZfsCommands.create(IMG, Map.of(), false)).containsExactly("zfs", "create", "tank/svcctl/images/abc");
    }

    @Test
    void valuesThatLookLikeOptionsStayInsideTheirAssignment() {
        assertThat(ZfsCommands.set(IMG, PropertyName.parse("svcctl:note"), "-rf /; x"))
                .containsExactly("zfs", "set", "svcctl:note=-rf /; x", "tank/svcctl/images/abc");
    }

    @Test
    void valuesThatWouldBreakParsingAreRefused() {
        PropertyName note = PropertyName.parse("svcctl:note");
        assertThatThrownBy(() -> ZfsCommands.set(IMG, note, "a\nb")).hasMessageContaining("line breaks");
        assertThatThrownBy(() -> ZfsCommands.set(IMG, note, "x".repeat(8192))).hasMessageContaining("8191 bytes");
        assertThat(ZfsCommands.set(IMG, note, "x".repeat(8191))).hasSize(4);
    }

    @Test
    void cloneSnapshotDestroyRenamePromote() {
        DatasetName web = DatasetName.parse("tank/svcctl/services/web");
        assertThat(ZfsCommands.clone(L2, web, Map.of(PropertyName.parse("svcctl:image"), "abc")))
                .containsExactly("zfs", "clone", "-o", "svcctl:image=abc", "tank/svcctl/images/abc@l2",
                        "tank/svcctl/services/web");
        assertThat(ZfsCommands.snapshot(L2, true)).containsExactly("zfs", "snapshot", "-r", "tank/svcctl/images/abc@l2");
        assertThat(ZfsCommands.destroy(IMG, DestroyMode.REFUSE_IF_DEPENDENTS))
                .containsExactly("zfs", "destroy", "tank/svcctl/images/abc");
        assertThat(ZfsCommands.destroy(IMG, DestroyMode.RECURSIVE)).containsExactly("zfs", "destroy", "-r", IMG.value());
        assertThat(ZfsCommands.destroy(L2, DestroyMode.RECURSIVE_WITH_CLONES))
                .containsExactly("zfs", "destroy", "-R", L2.value());
        assertThat(ZfsCommands.rename(IMG, web)).containsExactly("zfs", "rename", IMG.value(), web.value());
        assertThat(ZfsCommands.promote(web)).containsExactly("zfs", "promote", web.value());
        assertThat(ZfsCommands.rollback(L2)).containsExactly("zfs", "rollback", L2.value());
    }

    @Test
    void getIsScriptedExactAndNamesItsFields() {
        assertThat(ZfsCommands.get(List.of(IMG, L2), List.of(PropertyName.GUID, PropertyName.CREATETXG)))
                .containsExactly("zfs", "get", "-H", "-p", "-o", "name,property,value,source", "guid,createtxg",
                        IMG.value(), L2.value());
        assertThat(ZfsCommands.getToDepth(List.of(IMG), 1, List.of(PropertyName.TYPE)))
                .containsExactly("zfs", "get", "-H", "-p", "-d", "1", "-o", "name,property,value,source", "type",
                        IMG.value());
        assertThatThrownBy(() -> ZfsCommands.getToDepth(List.of(IMG), 0, List.of(PropertyName.TYPE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZfsCommands.getToDepth(List.of(), 1, List.of(PropertyName.TYPE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZfsCommands.get(List.of(IMG), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listingAndHolds() {
        assertThat(ZfsCommands.listDatasets(IMG, 2))
                .containsExactly("zfs", "list", "-H", "-o", "name", "-t", "filesystem,volume", "-d", "2", IMG.value());
        HoldTag tag = HoldTag.parse("svcctl-migrate");
        assertThat(ZfsCommands.hold(L2, tag)).containsExactly("zfs", "hold", "svcctl-migrate", L2.value());
        assertThat(ZfsCommands.release(L2, tag)).containsExactly("zfs", "release", "svcctl-migrate", L2.value());
        assertThat(ZfsCommands.holds(L2)).containsExactly("zfs", "holds", "-H", L2.value());
    }

    @Test
    void sendForms() {
        SnapshotName l1 = IMG.snapshot("l1");
        SnapshotName s1 = DatasetName.parse("tank/svcctl/services/web").snapshot("s1");
        assertThat(ZfsCommands.send(SendRequest.full(L2))).containsExactly("zfs", "send", L2.value());
        assertThat(ZfsCommands.send(SendRequest.incremental(l1, L2).withProperties()))
                .containsExactly("zfs", "send", "-p", "-i", l1.value(), L2.value());
        assertThat(ZfsCommands.send(SendRequest.incrementalWithIntermediates(l1, L2).withReplicate()))
                .containsExactly("zfs", "send", "-R", "-I", l1.value(), L2.value());
        // a clone sends incrementally from its origin, a snapshot of another dataset
        assertThat(ZfsCommands.send(SendRequest.incremental(L2, s1)))
                .containsExactly("zfs", "send", "-i", L2.value(), s1.value());
        assertThat(ZfsCommands.sendResume(new ResumeToken("1-abc-12-789c")))
                .containsExactly("zfs", "send", "-t", "1-abc-12-789c");
        assertThatThrownBy(() -> SendRequest.incremental(L2, L2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void receiveForcesOnlyWhenAsked() {
        DatasetName target = DatasetName.parse("tank/svcctl/services/web");
        assertThat(ZfsCommands.receive(target, ReceiveOptions.DEFAULTS)).containsExactly("zfs", "receive", target.value());
        assertThat(ZfsCommands.receive(target, ReceiveOptions.DEFAULTS.withNoMount().withForceRollback().withResumable()))
                .containsExactly("zfs", "receive", "-F", "-u", "-s", target.value());
    }

    @Test
    void pools() {
        PoolName pool = PoolName.parse("svcctl");
        assertThat(ZfsCommands.createPool(pool, List.of(Path.of("/var/lib/svcctl/pool.img")),
                Map.of(PropertyName.MOUNTPOINT, "none")))
                .containsExactly("zpool", "create", "-O", "mountpoint=none", "svcctl", "/var/lib/svcctl/pool.img");
        assertThatThrownBy(() -> ZfsCommands.createPool(pool, List.of(Path.of("pool.img")), Map.of()))
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> ZfsCommands.createPool(pool, List.of(Path.of("/a/../etc/x")), Map.of()))
                .hasMessageContaining("normalized");
        assertThatThrownBy(() -> ZfsCommands.createPool(pool, List.of(), Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(ZfsCommands.destroyPool(pool)).containsExactly("zpool", "destroy", "svcctl");
        assertThat(ZfsCommands.listPools()).containsExactly("zpool", "list", "-H", "-o", "name,health");
        assertThat(ZfsCommands.poolGet(pool, List.of(PropertyName.HEALTH, PropertyName.VERSION), true))
                .containsExactly("zpool", "get", "-H", "-p", "-o", "name,property,value,source", "health,version", "svcctl");
        assertThat(ZfsCommands.poolGet(pool, List.of(PropertyName.HEALTH), false))
                .containsExactly("zpool", "get", "health", "svcctl");
    }
}
