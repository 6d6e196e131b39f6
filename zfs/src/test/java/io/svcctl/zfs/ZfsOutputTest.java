package io.svcctl.zfs;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZfsOutputTest {

    @Test
    void parsesRealZfsGetOutputOfDatasetsAndSnapshots() {
        List<ZfsProperty> rows = ZfsOutput.parseGet(Fixtures.zfsFuse("get-mixed.out"));
        Map<String, ZfsProperties> byOwner = ZfsOutput.byOwner(rows);
        assertThat(byOwner).containsOnlyKeys("svtest/a/b", "svtest/a/b@s2", "svtest/c");

        ZfsProperties clone = byOwner.get("svtest/a/b");
        assertThat(clone.value(PropertyName.ORIGIN)).contains("svtest/c@s1");
        assertThat(clone.get(PropertyName.GUID).unsignedLongValue()).isEqualTo(Long.parseUnsignedLong("13591660398648313247"));
        assertThat(clone.get(PropertyName.AVAILABLE).longValue()).isEqualTo(493498368L);
        assertThat(clone.get(PropertyName.CANMOUNT).source()).isEqualTo(PropertySource.LOCAL);
        assertThat(clone.get(PropertyName.MOUNTPOINT).source()).isEqualTo(PropertySource.DEFAULT);
        assertThat(clone.value(PropertyName.parse("svcctl:kind"))).contains("image");
        assertThat(clone.value(PropertyName.parse("svcctl:note"))).isEmpty();

        ZfsProperties snapshot = byOwner.get("svtest/a/b@s2");
        ZfsProperty inherited = snapshot.get(PropertyName.parse("svcctl:kind"));
        assertThat(inherited.value()).isEqualTo("image");
        assertThat(inherited.source().kind()).isEqualTo(PropertySource.Kind.INHERITED);
        assertThat(inherited.source().inheritedFrom()).contains(DatasetName.parse("svtest/a/b"));
        assertThat(snapshot.value(PropertyName.ORIGIN)).isEmpty();

        assertThat(byOwner.get("svtest/c").get(PropertyName.ORIGIN).source()).isEqualTo(PropertySource.NONE);
    }

    @Test
    void aValueMayContainATab() {
        ZfsProperty note = ZfsOutput.parseGet(Fixtures.zfsFuse("get-tab-value.out")).get(0);
        assertThat(note.value()).isEqualTo("a\ttab");
        assertThat(note.source()).isEqualTo(PropertySource.LOCAL);
    }

    @Test
    void snapshotsComeInCreationOrderWithoutTheDatasetOrChildren() {
        List<SnapshotInfo> snapshots = ZfsOutput.snapshotsOf(DatasetName.parse("svtest/a/b"),
                ZfsOutput.parseGet(Fixtures.zfsFuse("get-d1-snapshots.out")));
        assertThat(snapshots).extracting(s -> s.name().value()).containsExactly("svtest/a/b@s2", "svtest/a/b@s3");
        assertThat(snapshots.get(0).guid()).isEqualTo(Guid.parse("9592971760232535672"));
        assertThat(snapshots.get(0).createTxg()).isEqualTo(19);
        assertThat(snapshots.get(1).creation()).isEqualTo(Instant.ofEpochSecond(1795462975L));
    }

    @Test
    void snapshotOrderFollowsTxgNotNames() {
        // as OpenZFS prints zfs get -d 1: sorted by name, with a child dataset and a bookmark mixed in
        String out = String.join("\n",
                "tank/a\ttype\tfilesystem\t-",
                "tank/a\tguid\t1\t-", "tank/a\tcreatetxg\t5\t-", "tank/a\tcreation\t1700000000\t-",
                "tank/a#mark\ttype\tbookmark\t-", "tank/a#mark\tguid\t9\t-", "tank/a#mark\tcreatetxg\t6\t-",
                "tank/a#mark\tcreation\t1700000001\t-",
                "tank/a/child\ttype\tfilesystem\t-", "tank/a/child\tguid\t7\t-", "tank/a/child\tcreatetxg\t8\t-",
                "tank/a/child\tcreation\t1700000002\t-",
                "tank/a@a-late\ttype\tsnapshot\t-", "tank/a@a-late\tguid\t18446744073709551615\t-",
                "tank/a@a-late\tcreatetxg\t90\t-", "tank/a@a-late\tcreation\t1700000090\t-",
                "tank/a@z-early\ttype\tsnapshot\t-", "tank/a@z-early\tguid\t2\t-",
                "tank/a@z-early\tcreatetxg\t10\t-", "tank/a@z-early\tcreation\t1700000010\t-", "");
        List<SnapshotInfo> snapshots = ZfsOutput.snapshotsOf(DatasetName.parse("tank/a"), ZfsOutput.parseGet(out));
        assertThat(snapshots).extracting(s -> s.name().snapshot()).containsExactly("z-early", "a-late");
        assertThat(snapshots.get(1).guid().toString()).isEqualTo("18446744073709551615");
    }

    @Test
    void malformedLinesAreReportedNotGuessed() {
        assertThatThrownBy(() -> ZfsOutput.parseGet("tank/a\tguid\n")).hasMessageContaining("could not read a line of zfs get");
        assertThatThrownBy(() -> ZfsOutput.parseGet("tank/a\tguid\t1\tsomewhere else\n"))
                .hasMessageContaining("unknown property source");
    }

    @Test
    void aRenameTouchesDescendantsAndClonesButNotLookalikeNames() {
        List<DatasetName> mounted = ZfsOutput.mountedDependents(DatasetName.parse("tank/cap/image"),
                ZfsOutput.parseGet(Fixtures.zfsFuse("get-r-origin-mounted.out")));
        assertThat(mounted).extracting(DatasetName::value).containsExactly(
                "tank/cap/image/kid", "tank/cap/service/vol", "tank/cap/image", "tank/cap/service", "tank/other");
    }

    @Test
    void childrenAreTheDatasetsOneLevelDownWithoutParentSnapshotsOrLookalikes() {
        String out = String.join("\n",
                "tank/s\tused\t98304\t-",
                "tank/s@all\tused\t0\t-",
                "tank/s/web\tused\t204800\t-",
                "tank/s/web@m1\tused\t8192\t-",
                "tank/s/db\tused\t1048576\t-",
                "tank/s/db/volumes\tused\t24576\t-",
                "tank/sx\tused\t1\t-") + "\n";
        Map<DatasetName, ZfsProperties> children =
                ZfsOutput.children(List.of(DatasetName.parse("tank/s")), ZfsOutput.parseGet(out));
        assertThat(children).containsOnlyKeys(DatasetName.parse("tank/s/web"), DatasetName.parse("tank/s/db"));
        assertThat(children.get(DatasetName.parse("tank/s/db")).get(PropertyName.USED).longValue()).isEqualTo(1048576);
    }

    @Test
    void datasetListsLeaveOutTheParent() {
        assertThat(ZfsOutput.datasetsBelow(DatasetName.parse("svtest"), "svtest\nsvtest/a\nsvtest/c\n"))
                .containsExactly(DatasetName.parse("svtest/a"), DatasetName.parse("svtest/c"));
    }

    @Test
    void zfsFusePoolTableIsCutAtTheHeaderColumns() {
        ZfsProperties pool = ZfsOutput.single("svtest", ZfsOutput.parsePoolTable(Fixtures.zfsFuse("zpool-get.out")));
        assertThat(pool.get(PropertyName.VERSION).longValue()).isEqualTo(23);
        assertThat(pool.get(PropertyName.VERSION).source()).isEqualTo(PropertySource.DEFAULT);
        assertThat(pool.value(PropertyName.HEALTH)).contains("ONLINE");
        // zfs-fuse rounds sizes and cannot do better; asking for a number says so
        assertThatThrownBy(() -> pool.get(PropertyName.parse("size")).longValue())
                .hasMessageContaining("'504M', not an exact number");
    }

    @Test
    void openZfsScriptedPoolGet() {
        // zpool get -H -p -o name,property,value,source as OpenZFS prints it: feature-flag pools show version "-"
        String out = "tank\tsize\t10670309376\t-\ntank\thealth\tONLINE\t-\ntank\tversion\t-\tdefault\n";
        ZfsProperties pool = ZfsOutput.single("tank", ZfsOutput.parseGet(out));
        assertThat(pool.get(PropertyName.parse("size")).longValue()).isEqualTo(10670309376L);
        assertThat(pool.value(PropertyName.VERSION)).isEmpty();
    }

    @Test
    void poolsAndHolds() {
        assertThat(ZfsOutput.parsePools(Fixtures.zfsFuse("zpool-list.out")))
                .containsExactly(new PoolStatus(PoolName.parse("svtest"), "ONLINE"));
        // zfs holds -H as OpenZFS prints it: NAME TAG TIMESTAMP
        assertThat(ZfsOutput.parseHolds("tank/a@s1\tkeep\tThu Nov 23 19:40 2026\ntank/a@s1\tsvcctl-migrate\tThu Nov 23 19:41 2026\n"))
                .containsExactly(HoldTag.parse("keep"), HoldTag.parse("svcctl-migrate"));
    }
}
