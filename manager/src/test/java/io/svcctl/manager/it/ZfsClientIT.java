package io.svcctl.manager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svcctl.exec.CommandRunner;
import io.svcctl.exec.LocalCommandRunner;
import io.svcctl.exec.PrefixedCommandRunner;
import io.svcctl.testhost.Hosts;
import io.svcctl.testhost.TestHost;
import io.svcctl.zfs.DatasetName;
import io.svcctl.zfs.DestroyMode;
import io.svcctl.zfs.HoldTag;
import io.svcctl.zfs.PoolName;
import io.svcctl.zfs.PoolStatus;
import io.svcctl.zfs.PropertyName;
import io.svcctl.zfs.PropertySource;
import io.svcctl.zfs.ReceiveOptions;
import io.svcctl.zfs.SendRequest;
import io.svcctl.zfs.SnapshotInfo;
import io.svcctl.zfs.SnapshotName;
import io.svcctl.zfs.UnsupportedZfsFeatureException;
import io.svcctl.zfs.Zfs;
import io.svcctl.zfs.ZfsException;
import io.svcctl.zfs.ZfsFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The zfs client against the real zfs-fuse userland of two test hosts: every command it builds, every
 * output it parses and every error it classifies, and send/receive both within a host and over ssh.
 */
@Hosts(value = 2, svcctl = false)
class ZfsClientIT {
    private static final PropertyName KIND = PropertyName.user("svcctl", "kind");
    private static final PropertyName NOTE = PropertyName.user("svcctl", "note");

    private static TestHost hostA;
    private static TestHost hostB;
    private static Zfs a;
    private static Zfs b;
    private static CommandRunner insideA;

    @BeforeAll
    static void clients(List<TestHost> hosts) {
        hostA = hosts.get(0);
        hostB = hosts.get(1);
        insideA = PrefixedCommandRunner.nsenter(new LocalCommandRunner(), hostA.leaderPid());
        a = new Zfs(insideA);
        b = new Zfs(PrefixedCommandRunner.nsenter(new LocalCommandRunner(), hostB.leaderPid()));
    }

    /** A host path as seen from outside, through the host's mounts (zfs-fuse mounts allow other users). */
    private static Path onA(String path) {
        return hostA.rootPath().resolve(path.substring(1));
    }

    @Test
    void theProbeRecognisesZfsFuse() {
        assertThat(a.capabilities().describe()).isEqualTo("zfs-fuse (pool version 23)");
        assertThat(a.capabilities().has(ZfsFeature.RESUMABLE_RECEIVE)).isFalse();
        assertThatThrownBy(() -> a.holds(SnapshotName.parse("tank/none@x")))
                .isInstanceOf(UnsupportedZfsFeatureException.class)
                .hasMessage("listing holds (zfs holds) needs OpenZFS 2.x; this host runs zfs-fuse (pool version 23)");
    }

    @Test
    void datasetsPropertiesAndSnapshots() throws Exception {
        DatasetName root = DatasetName.parse("tank/props");
        DatasetName image = root.child("images").child("img1");
        a.createWithParents(image, Map.of(KIND, "image", PropertyName.CANMOUNT, "on"));
        assertThat(a.exists(image)).isTrue();
        assertThat(a.exists(root.child("missing"))).isFalse();
        assertThat(a.listChildren(root, 2)).containsExactly(root.child("images"), image);
        assertThat(a.listChildren(root, 1)).containsExactly(root.child("images"));
        assertThat(a.childrenProperties(root.child("images"), PropertyName.USED)).containsOnlyKeys(image)
                .hasEntrySatisfying(image, p -> assertThat(p.get(PropertyName.USED).longValue()).isPositive());

        var props = a.get(image, KIND, NOTE, PropertyName.MOUNTED, PropertyName.USED, PropertyName.GUID);
        assertThat(props.value(KIND)).contains("image");
        assertThat(props.get(KIND).source()).isEqualTo(PropertySource.LOCAL);
        assertThat(props.value(NOTE)).isEmpty();
        assertThat(props.value(PropertyName.MOUNTED)).contains("yes");
        assertThat(props.get(PropertyName.USED).longValue()).isPositive();

        a.set(root, NOTE, "set on the root\twith a tab");
        var inherited = a.get(image, NOTE).get(NOTE);
        assertThat(inherited.value()).isEqualTo("set on the root\twith a tab");
        assertThat(inherited.source().inheritedFrom()).contains(root);
        assertThat(a.userProperties(image)).containsExactly(Map.entry(KIND, "image"));
        a.inherit(root, NOTE);
        assertThat(a.get(image, NOTE).value(NOTE)).isEmpty();

        Files.writeString(onA("/tank/props/images/img1/first"), "1");
        a.snapshot(image.snapshot("zz-first"));
        Files.writeString(onA("/tank/props/images/img1/second"), "2");
        a.snapshot(image.snapshot("aa-second"));
        a.snapshot(root.snapshot("all"), true);
        List<SnapshotInfo> snapshots = a.snapshots(image);
        assertThat(snapshots).extracting(s -> s.name().snapshot()).containsExactly("zz-first", "aa-second", "all");
        assertThat(snapshots.get(0).createTxg()).isLessThan(snapshots.get(1).createTxg());
        assertThat(snapshots).extracting(SnapshotInfo::guid).doesNotHaveDuplicates();
        assertThat(a.snapshots(root)).extracting(s -> s.name().value()).containsExactly("tank/props@all");

        a.rollback(image.snapshot("all"));
        assertThatThrownBy(() -> a.rollback(image.snapshot("zz-first")))
                .isInstanceOfSatisfying(ZfsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ZfsException.Kind.HAS_DEPENDENTS);
                    assertThat(e.dependents()).contains(image.snapshot("aa-second").value());
                });

        a.destroy(root, DestroyMode.RECURSIVE);
        assertThat(a.exists(root)).isFalse();
    }

    @Test
    void destroyRefusesDependentsUntilToldWhatToTakeAlong() {
        DatasetName image = DatasetName.parse("tank/deps/image");
        DatasetName service = DatasetName.parse("tank/deps/service");
        a.createWithParents(image, Map.of());
        a.snapshot(image.snapshot("ready"));
        a.clone(image.snapshot("ready"), service, Map.of(KIND, "service"));
        assertThat(a.get(service, PropertyName.ORIGIN).value(PropertyName.ORIGIN)).contains("tank/deps/image@ready");

        assertThatThrownBy(() -> a.destroy(image, DestroyMode.REFUSE_IF_DEPENDENTS))
                .isInstanceOfSatisfying(ZfsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ZfsException.Kind.HAS_DEPENDENTS);
                    assertThat(e.dependents()).containsExactly("tank/deps/image@ready");
                    assertThat(e.requiredDestroyMode()).contains(DestroyMode.RECURSIVE);
                });
        assertThatThrownBy(() -> a.destroy(image, DestroyMode.RECURSIVE))
                .isInstanceOfSatisfying(ZfsException.class, e -> {
                    assertThat(e.dependents()).containsExactly("tank/deps/service");
                    assertThat(e.requiredDestroyMode()).contains(DestroyMode.RECURSIVE_WITH_CLONES);
                });

        a.promote(service);
        assertThat(a.get(image, PropertyName.ORIGIN).value(PropertyName.ORIGIN)).contains("tank/deps/service@ready");
        a.rename(service, DatasetName.parse("tank/deps/renamed"));
        assertThat(a.get(DatasetName.parse("tank/deps/renamed"), PropertyName.MOUNTED).value(PropertyName.MOUNTED))
                .contains("yes");

        a.destroy(DatasetName.parse("tank/deps"), DestroyMode.RECURSIVE_WITH_CLONES);
        assertThat(a.exists(DatasetName.parse("tank/deps"))).isFalse();
    }

    @Test
    void aHoldKeepsASnapshot() {
        DatasetName dataset = DatasetName.parse("tank/held");
        SnapshotName snapshot = dataset.snapshot("keep");
        HoldTag tag = HoldTag.parse("svcctl-migrate");
        a.create(dataset, Map.of());
        a.snapshot(snapshot);
        a.hold(snapshot, tag);
        assertThat(a.holdCount(snapshot)).isEqualTo(1);
        assertThatThrownBy(() -> a.destroy(snapshot, DestroyMode.REFUSE_IF_DEPENDENTS))
                .isInstanceOfSatisfying(ZfsException.class, e -> assertThat(e.kind()).isEqualTo(ZfsException.Kind.BUSY));
        a.release(snapshot, tag);
        a.destroy(snapshot, DestroyMode.REFUSE_IF_DEPENDENTS);
        assertThat(a.snapshots(dataset)).isEmpty();
        assertThatThrownBy(() -> a.create(dataset, Map.of()))
                .isInstanceOfSatisfying(ZfsException.class, e -> assertThat(e.kind()).isEqualTo(ZfsException.Kind.ALREADY_EXISTS))
                .hasMessage("while creating dataset tank/held: cannot create 'tank/held': dataset already exists");
        a.destroy(dataset, DestroyMode.REFUSE_IF_DEPENDENTS);
    }

    @Test
    void sendAndReceiveWithinAHostIncludingACloneFromItsOrigin() throws Exception {
        DatasetName image = DatasetName.parse("tank/local/image");
        DatasetName service = DatasetName.parse("tank/local/service");
        DatasetName copies = DatasetName.parse("tank/local-copies");
        a.createWithParents(image, Map.of());
        Files.writeString(onA("/tank/local/image/base"), "base layer");
        a.snapshot(image.snapshot("l1"));
        a.clone(image.snapshot("l1"), service, Map.of());
        Files.writeString(onA("/tank/local/service/state"), "service state");
        a.snapshot(service.snapshot("s1"));
        a.create(copies, Map.of());

        Zfs.replicate(a, SendRequest.full(image.snapshot("l1")).withProperties(), a, copies.child("image"),
                ReceiveOptions.DEFAULTS.withNoMount());
        // the clone travels as an increment on its origin, which the receiving side already holds; zfs finds the
        // origin by guid, and within one pool two snapshots carry it (image@l1 and its copy): either will do
        Zfs.replicate(a, SendRequest.incremental(image.snapshot("l1"), service.snapshot("s1")), a,
                copies.child("service"), ReceiveOptions.DEFAULTS);
        assertThat(a.get(copies.child("service"), PropertyName.ORIGIN).value(PropertyName.ORIGIN).orElseThrow())
                .isIn("tank/local-copies/image@l1", "tank/local/image@l1");
        assertThat(Files.readString(onA("/tank/local-copies/service/state"))).isEqualTo("service state");
        assertThat(Files.readString(onA("/tank/local-copies/service/base"))).isEqualTo("base layer");

        assertThatThrownBy(() -> Zfs.replicate(a, SendRequest.full(image.snapshot("l1")), a, copies.child("image"),
                ReceiveOptions.DEFAULTS))
                .isInstanceOfSatisfying(ZfsException.class, e -> assertThat(e.kind()).isEqualTo(ZfsException.Kind.ALREADY_EXISTS));
        assertThatThrownBy(() -> Zfs.replicate(a, SendRequest.full(image.snapshot("missing")), a, copies.child("x"),
                ReceiveOptions.DEFAULTS))
                .isInstanceOfSatisfying(ZfsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ZfsException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).startsWith("while sending tank/local/image@missing");
                });
    }

    @Test
    void replicateToAnotherHostOverSshAndForceOnlyWhenAsked() throws Exception {
        Zfs overSsh = new Zfs(PrefixedCommandRunner.ssh(insideA,
                List.of("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "root@" + hostB.address())));
        DatasetName service = DatasetName.parse("tank/migrating");
        a.create(service, Map.of(KIND, "service"));
        Files.writeString(onA("/tank/migrating/data"), "v1");
        a.snapshot(service.snapshot("m1"));

        Zfs.replicate(a, SendRequest.full(service.snapshot("m1")).withProperties(), overSsh, service,
                ReceiveOptions.DEFAULTS);
        assertThat(b.snapshots(service)).extracting(SnapshotInfo::guid)
                .containsExactlyElementsOf(a.snapshots(service).stream().map(SnapshotInfo::guid).toList());
        assertThat(b.get(service, KIND).value(KIND)).contains("service");

        Files.writeString(onA("/tank/migrating/data"), "v2");
        a.snapshot(service.snapshot("m2"));
        // the target changed after m1 (a write on B): zfs refuses the increment until forced
        hostB.execOk("sh", "-c", "echo changed on b > /tank/migrating/local");
        assertThatThrownBy(() -> Zfs.replicate(a, SendRequest.incremental(service.snapshot("m1"), service.snapshot("m2")),
                overSsh, service, ReceiveOptions.DEFAULTS))
                .isInstanceOf(ZfsException.class)
                .hasMessageStartingWith("while receiving into tank/migrating:");
        Zfs.replicate(a, SendRequest.incremental(service.snapshot("m1"), service.snapshot("m2")), overSsh, service,
                ReceiveOptions.DEFAULTS.withForceRollback());
        assertThat(b.snapshots(service)).extracting(s -> s.name().snapshot()).containsExactly("m1", "m2");
        assertThat(hostB.execOk("cat", "/tank/migrating/data")).isEqualTo("v2");
    }

    @Test
    void poolsOnFiles() {
        assertThat(a.pools()).contains(new PoolStatus(PoolName.parse("tank"), "ONLINE"));
        hostA.execOk("truncate", "-s", "128M", "/var/tmp/zit-pool.img");
        PoolName pool = PoolName.parse("zitpool");
        a.createPool(pool, List.of(Path.of("/var/tmp/zit-pool.img")), Map.of(PropertyName.MOUNTPOINT, "none"));
        try {
            assertThat(a.pools()).extracting(PoolStatus::name).contains(pool);
            var props = a.poolProperties(pool, PropertyName.VERSION, PropertyName.HEALTH);
            assertThat(props.get(PropertyName.VERSION).longValue()).isEqualTo(23);
            assertThat(props.value(PropertyName.HEALTH)).contains("ONLINE");
            assertThat(a.get(pool.rootDataset(), PropertyName.MOUNTPOINT).value(PropertyName.MOUNTPOINT)).contains("none");
        } finally {
            a.destroyPool(pool);
        }
        assertThat(a.pools()).extracting(PoolStatus::name).doesNotContain(pool);
        assertThatThrownBy(() -> a.destroyPool(pool))
                .isInstanceOfSatisfying(ZfsException.class, e -> assertThat(e.kind()).isEqualTo(ZfsException.Kind.NOT_FOUND));
    }
}
