package io.svcctl.zfs;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's decisions, with canned zfs answers (the commands themselves run in the manager's ZfsClientIT). */
class ZfsTest {

    private static final ZfsCapabilities FUSE = ZfsCapabilities.zfsFuse(23);
    private static final ZfsCapabilities OPENZFS = ZfsCapabilities.openZfs(ZfsVersion.of(2, 2, 2), Optional.empty());
    private static final String FIELDS = "name,property,value,source";

    private final ScriptedRunner runner = new ScriptedRunner();

    private Zfs zfs(ZfsCapabilities capabilities) {
        return new Zfs(runner, Duration.ofMinutes(1), capabilities);
    }

    @Test
    void everyCommandRunsInTheCLocaleWithATimeout() {
        runner.answer(List.of("zfs", "create", "svtest/a"), "");
        zfs(FUSE).create(DatasetName.parse("svtest/a"), Map.of());
        assertThat(runner.ran.get(0).env()).containsEntry("LC_ALL", "C");
        assertThat(runner.ran.get(0).timeout()).contains(Duration.ofMinutes(1));
    }

    @Test
    void existsIsFalseOnlyForNotFound() {
        List<String> get = List.of("zfs", "get", "-H", "-p", "-o", FIELDS, "type", "svtest/nope");
        runner.fail(get, 1, Fixtures.zfsFuse("get-not-found.err"))
                .answer(List.of("zfs", "get", "-H", "-p", "-o", FIELDS, "type", "svtest/a"), "svtest/a\ttype\tfilesystem\t-\n")
                .fail(get, 1, "permission denied\n");
        assertThat(zfs(FUSE).exists(DatasetName.parse("svtest/nope"))).isFalse();
        assertThat(zfs(FUSE).exists(DatasetName.parse("svtest/a"))).isTrue();
        assertThatThrownBy(() -> zfs(FUSE).exists(DatasetName.parse("svtest/nope")))
                .isInstanceOfSatisfying(ZfsException.class,
                        e -> assertThat(e.kind()).isEqualTo(ZfsException.Kind.PERMISSION_DENIED));
    }

    @Test
    void onZfsFuseABusyDestroyGoesOnWhileItGetsFurther() {
        List<String> destroy = List.of("zfs", "destroy", "-r", "svtest/t1");
        runner.fail(destroy, 1, "cannot destroy 'svtest/t1/k': dataset is busy\n")
                .answer(List.of("zfs", "get", "-H", "-p", "-o", FIELDS, "mounted", "svtest/t1/k"), "svtest/t1/k\tmounted\tno\t-\n")
                .fail(destroy, 1, "cannot destroy 'svtest/t1': dataset is busy\n")
                .answer(List.of("zfs", "get", "-H", "-p", "-o", FIELDS, "mounted", "svtest/t1"), "svtest/t1\tmounted\tyes\t-\n")
                .answer(List.of("zfs", "unmount", "svtest/t1"), "")
                .answer(destroy, "");
        zfs(FUSE).destroy(DatasetName.parse("svtest/t1"), DestroyMode.RECURSIVE);
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void aDatasetThatStaysBusyIsReported() {
        List<String> destroy = List.of("zfs", "destroy", "svtest/t1");
        String busy = "cannot destroy 'svtest/t1': dataset is busy\n";
        runner.fail(destroy, 1, busy)
                .answer(List.of("zfs", "get", "-H", "-p", "-o", FIELDS, "mounted", "svtest/t1"), "svtest/t1\tmounted\tno\t-\n")
                .fail(destroy, 1, busy);
        assertThatThrownBy(() -> zfs(FUSE).destroy(DatasetName.parse("svtest/t1"), DestroyMode.REFUSE_IF_DEPENDENTS))
                .isInstanceOfSatisfying(ZfsException.class, e -> assertThat(e.kind()).isEqualTo(ZfsException.Kind.BUSY))
                .hasMessageStartingWith("while destroying svtest/t1: cannot destroy 'svtest/t1': dataset is busy");
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void onOpenZfsBusyIsReportedAtOnce() {
        runner.fail(List.of("zfs", "destroy", "tank/a"), 1, "cannot destroy 'tank/a': dataset is busy\n");
        assertThatThrownBy(() -> zfs(OPENZFS).destroy(DatasetName.parse("tank/a"), DestroyMode.REFUSE_IF_DEPENDENTS))
                .isInstanceOf(ZfsException.class);
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void dependentsAreRefusedUnlessAsked() {
        runner.fail(List.of("zfs", "destroy", "svtest/a"), 1, Fixtures.zfsFuse("destroy-children.err"));
        assertThatThrownBy(() -> zfs(FUSE).destroy(DatasetName.parse("svtest/a"), DestroyMode.REFUSE_IF_DEPENDENTS))
                .isInstanceOfSatisfying(ZfsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ZfsException.Kind.HAS_DEPENDENTS);
                    assertThat(e.requiredDestroyMode()).contains(DestroyMode.RECURSIVE);
                });
    }

    @Test
    void featuresMissingOnZfsFuseFailBeforeAnythingRuns() {
        SnapshotName snap = SnapshotName.parse("svtest/a@s1");
        assertThatThrownBy(() -> zfs(FUSE).holds(snap))
                .isInstanceOf(UnsupportedZfsFeatureException.class)
                .hasMessage("listing holds (zfs holds) needs OpenZFS 2.x; this host runs zfs-fuse (pool version 23)");
        assertThatThrownBy(() -> zfs(FUSE).receive(DatasetName.parse("svtest/b"), new ByteArrayInputStream(new byte[0]),
                ReceiveOptions.DEFAULTS.withResumable()))
                .isInstanceOf(UnsupportedZfsFeatureException.class);
        assertThatThrownBy(() -> zfs(FUSE).receiveResumeToken(DatasetName.parse("svtest/b")))
                .isInstanceOf(UnsupportedZfsFeatureException.class);
        assertThat(runner.ran).isEmpty();
    }

    @Test
    void holdsAreListedOnOpenZfs() {
        runner.answer(List.of("zfs", "holds", "-H", "tank/a@s1"), "tank/a@s1\tkeep\tThu Nov 23 19:40 2026\n");
        assertThat(zfs(OPENZFS).holds(SnapshotName.parse("tank/a@s1"))).containsExactly(HoldTag.parse("keep"));
    }

    @Test
    void snapshotsOfOneDataset() {
        runner.answer(List.of("zfs", "get", "-H", "-p", "-d", "1", "-o", FIELDS, "type,guid,createtxg,creation", "svtest/a/b"),
                Fixtures.zfsFuse("get-d1-snapshots.out"));
        assertThat(zfs(FUSE).snapshots(DatasetName.parse("svtest/a/b")))
                .extracting(s -> s.name().snapshot()).containsExactly("s2", "s3");
    }

    @Test
    void childrenOfSeveralParentsWithTheirSnapshotsInOneCommand() {
        runner.answer(List.of("zfs", "get", "-H", "-p", "-d", "2", "-o", FIELDS, "type,guid,createtxg,creation",
                        "tank/images", "tank/incoming"),
                "tank/images\ttype\tfilesystem\t-\n"
                        + "tank/images/a\ttype\tfilesystem\t-\n"
                        + "tank/images/a@l2\ttype\tsnapshot\t-\ntank/images/a@l2\tguid\t12\t-\n"
                        + "tank/images/a@l2\tcreatetxg\t20\t-\ntank/images/a@l2\tcreation\t1700000002\t-\n"
                        + "tank/images/a@l1\ttype\tsnapshot\t-\ntank/images/a@l1\tguid\t11\t-\n"
                        + "tank/images/a@l1\tcreatetxg\t10\t-\ntank/images/a@l1\tcreation\t1700000001\t-\n"
                        + "tank/images/b\ttype\tfilesystem\t-\n"
                        + "tank/images/b/vol\ttype\tfilesystem\t-\n"
                        + "tank/images/b#mark\ttype\tbookmark\t-\n"
                        + "tank/images/b@ready\ttype\tsnapshot\t-\ntank/images/b@ready\tguid\t13\t-\n"
                        + "tank/images/b@ready\tcreatetxg\t30\t-\ntank/images/b@ready\tcreation\t1700000003\t-\n"
                        + "tank/incoming\ttype\tfilesystem\t-\n"
                        + "tank/incoming/c\ttype\tfilesystem\t-\n");
        Map<DatasetName, List<SnapshotInfo>> children = zfs(FUSE).childrenWithSnapshots(
                List.of(DatasetName.parse("tank/images"), DatasetName.parse("tank/incoming")));
        assertThat(children.keySet()).extracting(DatasetName::toString)
                .containsExactly("tank/images/a", "tank/images/b", "tank/incoming/c");
        assertThat(children.get(DatasetName.parse("tank/images/a"))).extracting(s -> s.name().snapshot())
                .containsExactly("l1", "l2");
        assertThat(children.get(DatasetName.parse("tank/images/b"))).extracting(s -> s.name().snapshot())
                .containsExactly("ready");
        assertThat(children.get(DatasetName.parse("tank/incoming/c"))).isEmpty();
    }

    @Test
    void userPropertiesAreTheLocalOnesWithAColon() {
        runner.answer(List.of("zfs", "get", "-H", "-p", "-s", "local,received", "-o", FIELDS, "all", "tank/web"),
                "tank/web\tcanmount\tnoauto\tlocal\n"
                        + "tank/web\tuserquota@bob\t1000\tlocal\n"
                        + "tank/web\tsvcctl:image\tsha256:abc\tlocal\n"
                        + "tank/web\tsvcctl:tenant\tacme\treceived\n");
        assertThat(zfs(OPENZFS).userProperties(DatasetName.parse("tank/web"))).containsExactly(
                Map.entry(PropertyName.parse("svcctl:image"), "sha256:abc"),
                Map.entry(PropertyName.parse("svcctl:tenant"), "acme"));
    }

    @Test
    void poolPropertiesReadTheTableWhereThereIsNoScriptedGet() {
        runner.answer(List.of("zpool", "get", "version,health", "svtest"), Fixtures.zfsFuse("zpool-get.out"));
        ZfsProperties pool = zfs(FUSE).poolProperties(PoolName.parse("svtest"), PropertyName.VERSION, PropertyName.HEALTH);
        assertThat(pool.get(PropertyName.VERSION).longValue()).isEqualTo(23);

        runner.answer(List.of("zpool", "get", "-H", "-p", "-o", FIELDS, "health", "tank"), "tank\thealth\tONLINE\t-\n");
        assertThat(zfs(OPENZFS).poolProperties(PoolName.parse("tank"), PropertyName.HEALTH).value(PropertyName.HEALTH))
                .contains("ONLINE");
    }

    @Test
    void onZfsFuseARenameUnmountsWhatItTouchesAndMountsItAgain() {
        List<String> rename = List.of("zfs", "rename", "tank/cap/image", "tank/cap/renamed");
        runner.fail(rename, 1, "cannot rename 'tank/cap/image': dataset is busy\n")
                .answer(List.of("zfs", "get", "-H", "-p", "-r", "-o", FIELDS, "origin,mounted", "tank"),
                        Fixtures.zfsFuse("get-r-origin-mounted.out"));
        for (String fs : List.of("tank/cap/image/kid", "tank/cap/service/vol", "tank/cap/image", "tank/cap/service", "tank/other")) {
            runner.answer(List.of("zfs", "unmount", fs), "");
        }
        runner.answer(rename, "");
        for (String fs : List.of("tank/other", "tank/cap/service", "tank/cap/renamed", "tank/cap/service/vol", "tank/cap/renamed/kid")) {
            runner.answer(List.of("zfs", "mount", fs), "");
        }
        zfs(FUSE).rename(DatasetName.parse("tank/cap/image"), DatasetName.parse("tank/cap/renamed"));
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void onZfsFuseABusyRenameWithNothingMountedWaitsForTheUnmountToSettle() {
        List<String> rename = List.of("zfs", "rename", "tank/incoming/x", "tank/images/x");
        List<String> get = List.of("zfs", "get", "-H", "-p", "-r", "-o", FIELDS, "origin,mounted", "tank");
        String unmounted = "tank/incoming/x\torigin\t-\t-\ntank/incoming/x\tmounted\tno\t-\n";
        String busy = "cannot rename 'tank/incoming/x': dataset is busy\n";
        runner.fail(rename, 1, busy).answer(get, unmounted)
                .fail(rename, 1, busy).answer(get, unmounted)
                .answer(rename, "");
        zfs(FUSE).rename(DatasetName.parse("tank/incoming/x"), DatasetName.parse("tank/images/x"));
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void onZfsFuseARollbackThatCouldNotDropCachesRemountsInstead() {
        SnapshotName snapshot = SnapshotName.parse("tank/img@l1");
        runner.fail(List.of("zfs", "rollback", "tank/img@l1"), 1, Fixtures.zfsFuse("rollback-drop-caches.err"))
                .answer(List.of("zfs", "get", "-H", "-p", "-o", FIELDS, "mounted", "tank/img"), "tank/img\tmounted\tyes\t-\n")
                .answer(List.of("zfs", "unmount", "tank/img"), "")
                .answer(List.of("zfs", "mount", "tank/img"), "");
        zfs(FUSE).rollback(snapshot);
        assertThat(runner.finished()).isTrue();

        runner.fail(List.of("zfs", "rollback", "tank/img@l1"), 1, Fixtures.zfsFuse("rollback-drop-caches.err"));
        assertThatThrownBy(() -> zfs(OPENZFS).rollback(snapshot)).isInstanceOf(ZfsException.class);
    }

    @Test
    void snapshotsCannotBeRenamedAcrossDatasets() {
        assertThatThrownBy(() -> zfs(FUSE).rename(SnapshotName.parse("svtest/a@s"), SnapshotName.parse("svtest/b@s")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
