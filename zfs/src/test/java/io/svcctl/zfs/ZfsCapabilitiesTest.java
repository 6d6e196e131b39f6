package io.svcctl.zfs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZfsCapabilitiesTest {

    @Test
    void zfsFuseHasNoneOfTheOpenZfsFeatures() {
        ZfsCapabilities fuse = ZfsCapabilities.fromZpoolUpgrade(Fixtures.zfsFuse("zpool-upgrade-v.out")).orElseThrow();
        assertThat(fuse.userland()).isEqualTo(ZfsCapabilities.Userland.ZFS_FUSE);
        assertThat(fuse.poolVersion()).hasValue(23);
        assertThat(fuse.describe()).isEqualTo("zfs-fuse (pool version 23)");
        for (ZfsFeature feature : ZfsFeature.values()) {
            assertThat(fuse.has(feature)).as(feature.name()).isFalse();
        }
    }

    @Test
    void requireSaysWhatIsNeededAndWhatRuns() {
        ZfsCapabilities fuse = ZfsCapabilities.zfsFuse(23);
        assertThatThrownBy(() -> fuse.require(ZfsFeature.RESUMABLE_RECEIVE))
                .isInstanceOfSatisfying(UnsupportedZfsFeatureException.class, e -> {
                    assertThat(e.feature()).isEqualTo(ZfsFeature.RESUMABLE_RECEIVE);
                    assertThat(e.kind()).isEqualTo(ZfsException.Kind.UNSUPPORTED);
                })
                .hasMessage("resumable receive needs OpenZFS 2.x; this host runs zfs-fuse (pool version 23)");
        ZfsCapabilities openZfs21 = ZfsCapabilities.fromZfsVersion("zfs-2.1.11-1\nzfs-kmod-2.1.11-1\n").orElseThrow();
        assertThatThrownBy(() -> openZfs21.require(ZfsFeature.IDMAPPED_MOUNTS))
                .hasMessage("mapping ownership with idmapped mounts needs OpenZFS 2.2 or later; this host runs OpenZFS 2.1.11");
    }

    @Test
    void openZfsVersionsAsTheyArePrinted() {
        // `zfs version` lines as Debian bookworm, Ubuntu and Proxmox print them
        ZfsCapabilities debian = ZfsCapabilities.fromZfsVersion("zfs-2.1.11-1+deb12u1\nzfs-kmod-2.1.11-1+deb12u1\n").orElseThrow();
        assertThat(debian.userland()).isEqualTo(ZfsCapabilities.Userland.OPENZFS);
        assertThat(debian.userlandVersion()).contains(ZfsVersion.of(2, 1, 11));
        assertThat(debian.describe()).isEqualTo("OpenZFS 2.1.11");
        assertThat(debian.has(ZfsFeature.RESUMABLE_RECEIVE)).isTrue();
        assertThat(debian.has(ZfsFeature.PARSABLE_LIST)).isTrue();
        assertThat(debian.has(ZfsFeature.BOOKMARKS)).isTrue();
        assertThat(debian.has(ZfsFeature.DELEGATION)).isTrue();
        assertThat(debian.has(ZfsFeature.HOLDS_LISTING)).isTrue();
        assertThat(debian.has(ZfsFeature.SCRIPTED_POOL_PROPERTIES)).isTrue();
        assertThat(debian.has(ZfsFeature.IDMAPPED_MOUNTS)).isFalse();
        assertThat(debian.poolVersion()).isEmpty();

        ZfsCapabilities ubuntu = ZfsCapabilities.fromZfsVersion("zfs-2.2.2-0ubuntu9.4\nzfs-kmod-2.2.2-0ubuntu9.4\n").orElseThrow();
        assertThat(ubuntu.has(ZfsFeature.IDMAPPED_MOUNTS)).isTrue();

        ZfsCapabilities proxmox = ZfsCapabilities.fromZfsVersion("zfs-2.2.6-pve1\nzfs-kmod-2.2.6-pve1\n").orElseThrow();
        assertThat(proxmox.kernelModuleVersion()).contains(ZfsVersion.of(2, 2, 6));
    }

    @Test
    void idmappedMountsFollowTheKernelModuleWhenToolsAndModuleDiffer() {
        ZfsCapabilities skew = ZfsCapabilities.fromZfsVersion(
                "zfs-2.1.5-1ubuntu6~22.04.4\nzfs-kmod-2.2.0-0ubuntu1~23.10.2\n").orElseThrow();
        assertThat(skew.has(ZfsFeature.IDMAPPED_MOUNTS)).isTrue();
        assertThat(skew.describe()).isEqualTo("OpenZFS 2.1.5 (kernel module 2.2.0)");

        ZfsCapabilities oldModule = ZfsCapabilities.fromZfsVersion("zfs-2.2.2-1\nzfs-kmod-2.1.9-1\n").orElseThrow();
        assertThat(oldModule.has(ZfsFeature.IDMAPPED_MOUNTS)).isFalse();
    }

    @Test
    void withoutTheModuleOnlyTheUserlandLineIsPrinted() {
        ZfsCapabilities tools = ZfsCapabilities.fromZfsVersion("zfs-2.2.2-1\n").orElseThrow();
        assertThat(tools.kernelModuleVersion()).isEmpty();
        assertThat(tools.describe()).isEqualTo("OpenZFS 2.2.2 (kernel module version unknown)");
        assertThat(tools.has(ZfsFeature.IDMAPPED_MOUNTS)).isTrue();
    }

    @Test
    void unrecognisedOutputsAreNotGuessed() {
        assertThat(ZfsCapabilities.fromZfsVersion("")).isEmpty();
        assertThat(ZfsCapabilities.fromZfsVersion("zfs-kmod-2.2.6-pve1\n")).isEmpty();
        assertThat(ZfsCapabilities.fromZpoolUpgrade("something else")).isEmpty();
    }

    @Test
    void zfsOnLinuxBefore08HasFeatureFlagsButNoVersionCommand() {
        ZfsCapabilities old = ZfsCapabilities.fromZpoolUpgrade(
                "This system supports ZFS pool feature flags.\n\nThe following features are supported:\n").orElseThrow();
        assertThat(old.userland()).isEqualTo(ZfsCapabilities.Userland.ZFS_ON_LINUX_BEFORE_0_8);
        assertThat(old.has(ZfsFeature.RESUMABLE_RECEIVE)).isFalse();
    }

    @Test
    void probeFallsBackToThePoolVersionOnZfsFuse() {
        ScriptedRunner runner = new ScriptedRunner()
                .fail(List.of("zfs", "version"), 2, Fixtures.zfsFuse("zfs-version.err"))
                .answer(List.of("zpool", "upgrade", "-v"), Fixtures.zfsFuse("zpool-upgrade-v.out"));
        ZfsCapabilities probed = ZfsCapabilities.probe(runner);
        assertThat(probed.describe()).isEqualTo("zfs-fuse (pool version 23)");
        assertThat(runner.finished()).isTrue();
        assertThat(runner.ran).allSatisfy(c -> {
            assertThat(c.env()).containsEntry("LC_ALL", "C");
            assertThat(c.timeout()).isPresent();
        });
    }

    @Test
    void probeStopsAtZfsVersionOnOpenZfs() {
        ScriptedRunner runner = new ScriptedRunner().answer(List.of("zfs", "version"), "zfs-2.2.2-1\nzfs-kmod-2.2.2-1\n");
        assertThat(ZfsCapabilities.probe(runner).userlandVersion()).isEqualTo(Optional.of(ZfsVersion.of(2, 2, 2)));
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void probeSaysWhenTheZfsFuseDaemonIsNotRunning() {
        String down = Fixtures.zfsFuse("daemon-down.err");
        ScriptedRunner runner = new ScriptedRunner()
                .fail(List.of("zfs", "version"), 1, down)
                .fail(List.of("zpool", "upgrade", "-v"), 1, down);
        assertThatThrownBy(() -> ZfsCapabilities.probe(runner))
                .isInstanceOfSatisfying(ZfsException.class, e -> assertThat(e.kind()).isEqualTo(ZfsException.Kind.UNAVAILABLE))
                .hasMessageContaining("Please make sure that the zfs-fuse daemon is running.")
                .hasMessageEndingWith("(load the zfs kernel module, or start the zfs-fuse daemon)");
    }

    @Test
    void probeFailsLoudlyWhenNothingAnswers() {
        ScriptedRunner runner = new ScriptedRunner()
                .fail(List.of("zfs", "version"), 2, "unrecognized command 'version'\n")
                .fail(List.of("zpool", "upgrade", "-v"), 1, "connect: No such file or directory\n");
        assertThatThrownBy(() -> ZfsCapabilities.probe(runner))
                .isInstanceOf(ZfsException.class)
                .hasMessageStartingWith("while finding out which ZFS this host runs");
    }
}
