package io.svcctl.zfs;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandFailedException;
import io.svcctl.exec.CommandResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ZfsErrorsTest {

    private static ZfsException classify(String doing, String stderrFixture, String... argv) {
        CommandResult result = new CommandResult(Command.of(argv), 1, new byte[0],
                Fixtures.zfsFuse(stderrFixture).getBytes(StandardCharsets.UTF_8));
        return ZfsErrors.classify(doing, CommandFailedException.exited(result));
    }

    @Test
    void childrenInTheWayAreNamedWithTheModeThatTakesThemAlong() {
        ZfsException e = classify("destroying svtest/a", "destroy-children.err", "zfs", "destroy", "svtest/a");
        assertThat(e.kind()).isEqualTo(ZfsException.Kind.HAS_DEPENDENTS);
        assertThat(e.dependents()).containsExactly("svtest/a/b@s2", "svtest/a/b@s3", "svtest/a/b");
        assertThat(e.requiredDestroyMode()).contains(DestroyMode.RECURSIVE);
        assertThat(e).hasMessage("while destroying svtest/a: cannot destroy 'svtest/a': filesystem has children:"
                + " svtest/a/b@s2, svtest/a/b@s3, svtest/a/b; destroy them first, or destroy recursively"
                + " (children and snapshots)");
        assertThat(e.commandFailure()).isPresent();
    }

    @Test
    void clonesInTheWayNeedTheCloneMode() {
        ZfsException snapshot = classify("destroying svtest/c@s1", "destroy-clones.err", "zfs", "destroy", "svtest/c@s1");
        assertThat(snapshot.kind()).isEqualTo(ZfsException.Kind.HAS_DEPENDENTS);
        assertThat(snapshot.requiredDestroyMode()).contains(DestroyMode.RECURSIVE_WITH_CLONES);
        assertThat(snapshot.dependents()).containsExactly("svtest/a/b@s2", "svtest/a/b@s3", "svtest/a/b");

        ZfsException recursive = classify("destroying svtest/q", "destroy-r-clones.err", "zfs", "destroy", "-r", "svtest/q");
        assertThat(recursive.requiredDestroyMode()).contains(DestroyMode.RECURSIVE_WITH_CLONES);
        assertThat(recursive.dependents()).containsExactly("svtest/qc");
    }

    @Test
    void newerSnapshotsBlockARollback() {
        ZfsException e = classify("rolling svtest/rb back to svtest/rb@1", "rollback-newer.err",
                "zfs", "rollback", "svtest/rb@1");
        assertThat(e.kind()).isEqualTo(ZfsException.Kind.HAS_DEPENDENTS);
        assertThat(e.dependents()).containsExactly("svtest/rb@2");
        assertThat(e).hasMessage("while rolling svtest/rb back to svtest/rb@1: cannot rollback to 'svtest/rb@1':"
                + " more recent snapshots exist: svtest/rb@2; destroy the newer snapshots first, or roll back to the"
                + " newest one");
    }

    @Test
    void kindsFromRealMessages() {
        assertThat(classify("x", "create-exists.err", "zfs").kind()).isEqualTo(ZfsException.Kind.ALREADY_EXISTS);
        assertThat(classify("x", "receive-exists.err", "zfs").kind()).isEqualTo(ZfsException.Kind.ALREADY_EXISTS);
        assertThat(classify("x", "get-not-found.err", "zfs").kind()).isEqualTo(ZfsException.Kind.NOT_FOUND);
        assertThat(classify("x", "create-no-parent.err", "zfs").kind()).isEqualTo(ZfsException.Kind.NOT_FOUND);
        assertThat(classify("x", "send-missing.err", "zfs").kind()).isEqualTo(ZfsException.Kind.NOT_FOUND);
        assertThat(classify("x", "zpool-destroy-missing.err", "zpool").kind()).isEqualTo(ZfsException.Kind.NOT_FOUND);
        assertThat(classify("x", "destroy-held.err", "zfs").kind()).isEqualTo(ZfsException.Kind.BUSY);
        assertThat(classify("x", "zpool-create-exists.err", "zpool").kind()).isEqualTo(ZfsException.Kind.FAILED);
    }

    @Test
    void messageSaysWhatWasBeingDoneAndWhatZfsSaid() {
        ZfsException e = classify("creating dataset svtest/a", "create-exists.err", "zfs", "create", "svtest/a");
        assertThat(e).hasMessage("while creating dataset svtest/a: cannot create 'svtest/a': dataset already exists");
        assertThat(e.commandFailure().orElseThrow().argv()).containsExactly("zfs", "create", "svtest/a");
    }

    @Test
    void zfsFuseUsageDumpsAreLeftOutOfTheMessage() {
        ZfsException e = classify("reading properties", "zfs-version.err", "zfs", "version");
        assertThat(e).hasMessage("while reading properties: unrecognized command 'version'");
        assertThat(e.commandFailure().orElseThrow().stderr()).contains("usage: zfs command args");
    }

    @Test
    void aBusyDestroyNamesTheFilesystemButNotASnapshot() {
        CommandResult fs = new CommandResult(Command.of("zfs", "destroy", "-r", "svtest/t1"), 1, new byte[0],
                "cannot destroy 'svtest/t1/k': dataset is busy\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ZfsErrors.busyFilesystem(ZfsErrors.classify("x", CommandFailedException.exited(fs))))
                .contains(DatasetName.parse("svtest/t1/k"));
        assertThat(ZfsErrors.busyFilesystem(classify("x", "destroy-held.err", "zfs"))).isEmpty();
    }

    @Test
    void aRollbackThatOnlyFailedToDropCachesIsRecognised() {
        assertThat(ZfsErrors.onlyCacheDropFailed(classify("x", "rollback-drop-caches.err", "zfs", "rollback", "t@1")))
                .isTrue();
        assertThat(ZfsErrors.onlyCacheDropFailed(classify("x", "rollback-newer.err", "zfs", "rollback", "t@1")))
                .isFalse();
    }

    @Test
    void unavailableZfs() {
        CommandResult noModule = new CommandResult(Command.of("zfs", "list"), 1, new byte[0],
                ("The ZFS modules are not loaded.\nTry running '/sbin/modprobe zfs' as root to load them.\n")
                        .getBytes(StandardCharsets.UTF_8));
        ZfsException e = ZfsErrors.classify("listing", CommandFailedException.exited(noModule));
        assertThat(e.kind()).isEqualTo(ZfsException.Kind.UNAVAILABLE);
        assertThat(e.getMessage()).endsWith("(load the zfs kernel module, or start the zfs-fuse daemon)");

        ZfsException missing = ZfsErrors.classify("listing", CommandFailedException.couldNotStart(
                Command.of("zfs", "list"), new java.io.IOException("error=2, No such file or directory")));
        assertThat(missing.kind()).isEqualTo(ZfsException.Kind.UNAVAILABLE);
        assertThat(missing).hasMessage("while listing: zfs could not be started; install OpenZFS (zfsutils-linux) or zfs-fuse");
    }
}
