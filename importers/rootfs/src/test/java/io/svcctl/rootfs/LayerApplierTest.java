package io.svcctl.rootfs;

import static io.svcctl.rootfs.TestTar.dir;
import static io.svcctl.rootfs.TestTar.file;
import static io.svcctl.rootfs.TestTar.hardlink;
import static io.svcctl.rootfs.TestTar.symlink;
import static io.svcctl.rootfs.Trees.FS;
import static io.svcctl.rootfs.Trees.apply;
import static io.svcctl.rootfs.Trees.listing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerApplierTest {
    /** security.capability v2: magic 0x02000001 (effective), permitted = CAP_SETGID|CAP_SETUID; 0xc0 breaks a UTF-8 decode. */
    private static final byte[] CAPABILITY = {0x01, 0x00, 0x00, 0x02, (byte) 0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    @TempDir(factory = XattrTempDirs.class)
    Path tmp;
    Path root;

    @BeforeEach
    void rootfs() throws IOException {
        root = Files.createDirectory(tmp.resolve("rootfs"));
    }

    @Test
    void everyEntryTypeWrittenByCommonsCompress() throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        String longDir = "opt/" + "d".repeat(120) + "/";
        String longTarget = "../" + "t".repeat(150);
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bo, "UTF-8")) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            put(t, entry("etc/", TarConstants.LF_DIR, 0755, 0, 0), null);
            put(t, entry("etc/hostname", TarConstants.LF_NORMAL, 0644, 0, 0), "box\n");
            put(t, entry("usr/bin/su", TarConstants.LF_NORMAL, 04755, 0, 0), "su binary");
            put(t, entry("usr/bin/wall", TarConstants.LF_NORMAL, 02755, 0, 5), "wall");
            put(t, entry("tmp/", TarConstants.LF_DIR, 01777, 0, 0), null);
            TarArchiveEntry bin = entry("bin", TarConstants.LF_SYMLINK, 0777, 0, 0);
            bin.setLinkName("usr/bin");
            put(t, bin, null);
            TarArchiveEntry su2 = entry("usr/bin/su2", TarConstants.LF_LINK, 04755, 0, 0);
            su2.setLinkName("usr/bin/su");
            put(t, su2, null);
            TarArchiveEntry nul = entry("dev/null", TarConstants.LF_CHR, 0666, 0, 0);
            nul.setDevMajor(1);
            nul.setDevMinor(3);
            put(t, nul, null);
            TarArchiveEntry loop = entry("dev/loop0", TarConstants.LF_BLK, 0660, 0, 6);
            loop.setDevMajor(7);
            loop.setDevMinor(0);
            put(t, loop, null);
            put(t, entry("run/initctl", TarConstants.LF_FIFO, 0600, 0, 0), null);
            put(t, entry(longDir, TarConstants.LF_DIR, 0750, 1000, 1000), null);
            put(t, entry(longDir + "data.bin", TarConstants.LF_NORMAL, 0600, 3_000_000_000L, 3_000_000_001L), "big ids");
            TarArchiveEntry longLink = entry(longDir + "link", TarConstants.LF_SYMLINK, 0777, 0, 0);
            longLink.setLinkName(longTarget);
            put(t, longLink, null);
            put(t, entry("é/ñ.txt", TarConstants.LF_NORMAL, 0644, 0, 0), "unicode");
        }
        apply(root, bo.toByteArray());

        String sha = sha("su binary");
        assertThat(listing(root)).containsExactly(
                "l 0777 0:0 - ./bin usr/bin",
                "d 0755 0:0 - ./dev",
                "b 0660 0:6 7,0 ./dev/loop0",
                "c 0666 0:0 1,3 ./dev/null",
                "d 0755 0:0 - ./etc",
                "f 0644 0:0 4 ./etc/hostname",
                "d 0755 0:0 - ./opt",
                "d 0750 1000:1000 - ./" + longDir.substring(0, longDir.length() - 1),
                "f 0600 3000000000:3000000001 7 ./" + longDir + "data.bin",
                "l 0777 0:0 - ./" + longDir + "link " + longTarget,
                "d 0755 0:0 - ./run",
                "p 0600 0:0 - ./run/initctl",
                "d 1777 0:0 - ./tmp",
                "d 0755 0:0 - ./usr",
                "d 0755 0:0 - ./usr/bin",
                "f 4755 0:0 9 ./usr/bin/su",
                "f 4755 0:0 9 ./usr/bin/su2",
                "f 2755 0:5 4 ./usr/bin/wall",
                "d 0755 0:0 - ./é",
                "f 0644 0:0 7 ./é/ñ.txt");
        assertThat(RootfsListing.of(root).fileDigests()).contains(sha + "  ./usr/bin/su", sha + "  ./usr/bin/su2");
        assertThat(inode(root.resolve("usr/bin/su"))).isEqualTo(inode(root.resolve("usr/bin/su2")));
    }

    @Test
    void gnuLongNamesAndLinksAndUstarPrefix() throws IOException {
        String longName = "a/" + "n".repeat(200);
        String longLink = "/" + "l".repeat(200);
        TestTar.H named = file("short-name", "gnu");
        named.gnuLongName = TestTar.utf8(longName);
        TestTar.H linked = symlink("lnk", "short");
        linked.gnuLongLink = TestTar.utf8(longLink);
        TestTar.H prefixed = file("leaf", "prefix");
        prefixed.prefix = TestTar.utf8("p/q");
        apply(root, new TestTar().add(named, linked, prefixed).bytes());

        assertThat(Files.readString(root.resolve(longName))).isEqualTo("gnu");
        assertThat(FS.readlink(root.resolve("lnk"))).isEqualTo(longLink);
        assertThat(Files.readString(root.resolve("p/q/leaf"))).isEqualTo("prefix");
    }

    @Test
    void symlinkTargetsAreKeptByteForByte() throws IOException {
        apply(root, new TestTar().add(symlink("slash", "lib/"), symlink("dots", "./a//b/../c"), symlink("abs", "/etc/passwd")).bytes());
        assertThat(FS.readlink(root.resolve("slash"))).isEqualTo("lib/");
        assertThat(FS.readlink(root.resolve("dots"))).isEqualTo("./a//b/../c");
        assertThat(FS.readlink(root.resolve("abs"))).isEqualTo("/etc/passwd");
    }

    @Test
    void binaryXattrsSurviveExactlyOnFilesDirsAndSymlinks() throws IOException {
        byte[] binary = {(byte) 0xff, 0x00, (byte) 0xc0, (byte) 0x80, '\n', '='};
        apply(root, new TestTar().add(
                file("usr/bin/ping", "ELF").mode(04755).pax("SCHILY.xattr.security.capability", CAPABILITY)
                        .pax("SCHILY.xattr.user.blob", binary),
                dir("d").pax("SCHILY.xattr.user.dir", "on a dir"),
                symlink("lnk", "usr/bin/ping").pax("SCHILY.xattr.trusted.note", binary),
                file("bsd", "x").pax("LIBARCHIVE.xattr.user.with%20space", Base64.getEncoder().encode(binary)),
                file("empty", "").pax("SCHILY.xattr.user.empty", new byte[0])).bytes());

        Path ping = root.resolve("usr/bin/ping");
        assertThat(FS.getXattr(ping, "security.capability")).hasValue(CAPABILITY);
        assertThat(FS.getXattr(ping, "user.blob")).hasValue(binary);
        // lchown would clear both setuid and the capability: they were set after it
        assertThat(mode(ping)).isEqualTo(04755);
        assertThat(FS.getXattr(root.resolve("d"), "user.dir")).hasValue("on a dir".getBytes(StandardCharsets.UTF_8));
        assertThat(FS.getXattr(root.resolve("lnk"), "trusted.note")).hasValue(binary);
        assertThat(FS.getXattr(root.resolve("usr/bin/ping"), "trusted.note")).isEmpty();
        assertThat(FS.getXattr(root.resolve("bsd"), "user.with space")).hasValue(binary);
        assertThat(FS.getXattr(root.resolve("empty"), "user.empty")).hasValue(new byte[0]);
    }

    @Test
    void aDirectoryKeptFromALowerLayerTakesTheNewXattrs() throws IOException {
        apply(root, new TestTar().add(dir("d").pax("SCHILY.xattr.user.old", "1")).bytes());
        apply(root, new TestTar().add(dir("d").pax("SCHILY.xattr.user.new", "2")).bytes());
        assertThat(FS.listXattrs(root.resolve("d"))).contains("user.new").doesNotContain("user.old");
    }

    @Test
    void ownershipShiftMovesEveryOwnerIntoTheRange() throws IOException {
        ApplyOptions shifted = ApplyOptions.DEFAULT.withIdShift(IdShift.of(100_000));
        apply(root, new TestTar().add(
                file("home/user/f", "x").owner(1000, 1000),
                symlink("home/user/l", "f").owner(1000, 100),
                file("etc/shadow", "s").owner(0, 42).mode(0640),
                new TestTar.H('6', "run/fifo").owner(0, 0).mode(0600),
                dir("./").mode(0755)).bytes(), shifted);

        assertThat(listing(root)).containsExactly(
                "d 0755 100000:100000 - ./etc",
                "f 0640 100000:100042 1 ./etc/shadow",
                "d 0755 100000:100000 - ./home",
                "d 0755 100000:100000 - ./home/user",
                "f 0644 101000:101000 1 ./home/user/f",
                "l 0777 101000:100100 - ./home/user/l f",
                "d 0755 100000:100000 - ./run",
                "p 0600 100000:100000 - ./run/fifo");
        assertThat(Files.getAttribute(root, "unix:uid")).isEqualTo(100_000);
    }

    @Test
    void anIdPastTheShiftedRangeIsRefused() {
        ApplyOptions shifted = ApplyOptions.DEFAULT.withIdShift(IdShift.of(100_000));
        assertThatThrownBy(() -> apply(root, new TestTar().add(file("f", "x").owner(65536, 0)).bytes(), shifted))
                .isInstanceOf(LayerApplyException.class)
                .hasMessageContaining("'f'").hasMessageContaining("uid 65536 is outside the id range 0..65535");
    }

    @Test
    void whiteoutsRemoveLowerLayerFilesAndDirectories() throws IOException {
        apply(root, new TestTar().add(file("foo", "1"), file("bar/a", "a"), file("bar/b", "b"), file("gone/deep/x", "x"),
                file("kept", "k")).bytes());
        List<ApplyEvent> events = new ArrayList<>();
        new LayerApplier(events::add).apply(new ByteArrayInputStream(new TestTar().add(
                file(".wh.foo", ""), file("bar/.wh.a", ""), file(".wh.gone", ""), file(".wh.never-existed", ""),
                file("bar/.wh..wh.plnk", "")).bytes()), root, ApplyOptions.DEFAULT);

        assertThat(listing(root)).containsExactly(
                "d 0755 0:0 - ./bar", "f 0644 0:0 1 ./bar/b", "f 0644 0:0 1 ./kept");
        assertThat(events).contains(new ApplyEvent.Skipped("bar/.wh..wh.plnk", "aufs metadata entry ignored"));
    }

    @Test
    void opaqueDirectoryMarkerFirst() throws IOException {
        lowerForOpaque();
        apply(root, new TestTar().add(dir("d"), file("d/.wh..wh..opq", ""), file("d/new", "n"), file("d/sub/new2", "n")).bytes());
        assertOpaqueResult();
    }

    @Test
    void opaqueDirectoryMarkerLast() throws IOException {
        lowerForOpaque();
        apply(root, new TestTar().add(dir("d"), file("d/new", "n"), file("d/sub/new2", "n"), file("d/.wh..wh..opq", "")).bytes());
        assertOpaqueResult();
    }

    private void lowerForOpaque() throws IOException {
        apply(root, new TestTar().add(file("d/old", "o"), file("d/sub/old2", "o"), symlink("d/link", "/etc"), file("other", "x")).bytes());
    }

    private void assertOpaqueResult() throws IOException {
        assertThat(listing(root)).containsExactly(
                "d 0755 0:0 - ./d", "f 0644 0:0 1 ./d/new", "d 0755 0:0 - ./d/sub", "f 0644 0:0 1 ./d/sub/new2",
                "f 0644 0:0 1 ./other");
    }

    @Test
    void aWhiteoutNeverRemovesWhatItsOwnLayerWrote() throws IOException {
        apply(root, new TestTar().add(file("before", "lower"), file("after", "lower"), file("d/lower", "l")).bytes());
        apply(root, new TestTar().add(
                file(".wh.before", ""), file("before", "upper"),
                file("after", "upper"), file(".wh.after", ""),
                file("d/upper", "u"), file(".wh.d", "")).bytes());
        assertThat(Files.readString(root.resolve("before"))).isEqualTo("upper");
        assertThat(Files.readString(root.resolve("after"))).isEqualTo("upper");
        assertThat(listing(root)).contains("f 0644 0:0 1 ./d/upper").doesNotContain("f 0644 0:0 1 ./d/lower");
    }

    @Test
    void laterLayersReplaceFilesDirsAndSymlinks() throws IOException {
        apply(root, new TestTar().add(file("file2dir", "f"), file("dir2file/x", "x"), file("file2link", "f"),
                symlink("link2dir", "/etc")).bytes());
        apply(root, new TestTar().add(dir("file2dir"), file("file2dir/inside", "i"), file("dir2file", "now a file"),
                symlink("file2link", "file2dir"), dir("link2dir"), file("link2dir/passwd", "inside")).bytes());

        assertThat(listing(root)).containsExactly(
                "f 0644 0:0 10 ./dir2file",
                "d 0755 0:0 - ./file2dir",
                "f 0644 0:0 1 ./file2dir/inside",
                "l 0777 0:0 - ./file2link file2dir",
                "d 0755 0:0 - ./link2dir",
                "f 0644 0:0 6 ./link2dir/passwd");
    }

    @Test
    void aFileInTheWayOfAnImplicitParentFailsAsInDocker() throws IOException {
        apply(root, new TestTar().add(file("f", "x")).bytes());
        assertThatThrownBy(() -> apply(root, new TestTar().add(file("f/inside", "i")).bytes()))
                .isInstanceOf(LayerApplyException.class)
                .hasMessage("while applying layer entry 'f/inside': 'f' is not a directory");
    }

    @Test
    void hardlinksToThisAndLowerLayers() throws IOException {
        apply(root, new TestTar().add(file("lower", "L"), file("replaced", "old")).bytes());
        apply(root, new TestTar().add(file("upper", "U"), hardlink("to-upper", "upper"), hardlink("to-lower", "./lower"),
                hardlink("replaced", "upper"), symlink("sym", "/nowhere"), hardlink("to-sym", "sym")).bytes());

        assertThat(inode(root.resolve("to-upper"))).isEqualTo(inode(root.resolve("upper")));
        assertThat(inode(root.resolve("to-lower"))).isEqualTo(inode(root.resolve("lower")));
        assertThat(inode(root.resolve("replaced"))).isEqualTo(inode(root.resolve("upper")));
        assertThat(Files.getAttribute(root.resolve("upper"), "unix:nlink")).isEqualTo(3);
        assertThat(FS.readlink(root.resolve("to-sym"))).isEqualTo("/nowhere");
    }

    @Test
    void hardlinkToAMissingFileFailsNamingTheEntry() {
        assertThatThrownBy(() -> apply(root, new TestTar().add(hardlink("h", "missing")).bytes()))
                .isInstanceOf(LayerApplyException.class)
                .hasMessage("while applying layer entry 'h': the hard link target 'missing' does not exist in the rootfs");
    }

    @Test
    void timesAreSetOnEverythingAndOnDirectoriesAfterTheirChildren() throws IOException {
        apply(root, new TestTar().add(
                dir("d").mtime(1_000),
                file("d/f", "x").mtime(2_000),
                symlink("d/l", "f").mtime(3_000),
                file("d/frac", "y").pax("mtime", "4000.25").pax("atime", "5000.5"),
                new TestTar.H('6', "d/fifo").mode(0644).mtime(6_000)).bytes());

        assertThat(mtime(root.resolve("d"))).isEqualTo(Instant.ofEpochSecond(1_000));
        assertThat(mtime(root.resolve("d/f"))).isEqualTo(Instant.ofEpochSecond(2_000));
        assertThat(mtime(root.resolve("d/l"))).isEqualTo(Instant.ofEpochSecond(3_000));
        assertThat(mtime(root.resolve("d/frac"))).isEqualTo(Instant.ofEpochSecond(4_000, 250_000_000));
        assertThat(((FileTime) Files.getAttribute(root.resolve("d/frac"), "lastAccessTime")).toInstant())
                .isEqualTo(Instant.ofEpochSecond(5_000, 500_000_000));
        assertThat(mtime(root.resolve("d/fifo"))).isEqualTo(Instant.ofEpochSecond(6_000));
    }

    @Test
    void devicesAreSkippedAndReportedUnlessPreserved() throws IOException {
        List<ApplyEvent> events = new ArrayList<>();
        ApplyStats stats = new LayerApplier(events::add).apply(new ByteArrayInputStream(new TestTar().add(
                new TestTar.H('3', "dev/null").device(1, 3).mode(0666), file("f", "abc")).bytes()), root, ApplyOptions.DEFAULT);

        assertThat(listing(root)).containsExactly("f 0644 0:0 3 ./f");
        assertThat(stats).isEqualTo(new ApplyStats(1, 3, 1));
        assertThat(events).containsExactly(
                new ApplyEvent.Skipped("dev/null", "device node 1:3 left out (device nodes are not preserved;"
                        + " container managers provide /dev)"),
                new ApplyEvent.Applied("f", EntryKind.REGULAR, 1, 3));
    }

    @Test
    void statsAndEventsCountEntriesAndBytes() throws IOException {
        List<ApplyEvent> events = new ArrayList<>();
        ApplyStats stats = new LayerApplier(events::add).apply(new ByteArrayInputStream(new TestTar().add(
                dir("a"), file("a/one", "12345"), file("a/two", "678"), file(".wh.x", "")).bytes()), root, ApplyOptions.DEFAULT);
        assertThat(stats).isEqualTo(new ApplyStats(4, 8, 0));
        assertThat(events).containsExactly(
                new ApplyEvent.Applied("a", EntryKind.DIRECTORY, 1, 0),
                new ApplyEvent.Applied("a/one", EntryKind.REGULAR, 2, 5),
                new ApplyEvent.Applied("a/two", EntryKind.REGULAR, 3, 8),
                new ApplyEvent.Applied(".wh.x", EntryKind.WHITEOUT, 4, 8));
    }

    @Test
    void theRootEntrySetsTheRootfsMetadata() throws IOException {
        apply(root, new TestTar().add(dir("./").mode(0700).owner(5, 6), file("./x", "x")).bytes());
        assertThat(mode(root)).isEqualTo(0700);
        assertThat(Files.getAttribute(root, "unix:uid")).isEqualTo(5);
        assertThat(listing(root)).containsExactly("f 0644 0:0 1 ./x");
    }

    @Test
    void aciLayersLiveUnderRootfsAndHaveNoWhiteouts() throws IOException {
        apply(root, new TestTar().add(file("manifest", "{}"), dir("rootfs"), file("rootfs/etc/hostname", "h"),
                hardlink("rootfs/etc/alias", "rootfs/etc/hostname"), file("rootfs/.wh.etc", "")).bytes(),
                ApplyOptions.DEFAULT.withFormat(LayerFormat.ACI));
        assertThat(listing(root)).containsExactly(
                "f 0644 0:0 0 ./.wh.etc", "d 0755 0:0 - ./etc", "f 0644 0:0 1 ./etc/alias", "f 0644 0:0 1 ./etc/hostname");
    }

    @Test
    void applyBlobVerifiesDigestAndDiffIdAndDrainsThePadding() throws IOException {
        byte[] tar = TestTar.concat(new TestTar().add(file("f", "content")).bytes(), new byte[8192]);
        byte[] gz = gzip(tar);
        ApplyStats stats = new LayerApplier().applyBlob(new ByteArrayInputStream(gz), layer(gz, tar), root, ApplyOptions.DEFAULT);
        assertThat(stats.entries()).isEqualTo(1);
        assertThat(Files.readString(root.resolve("f"))).isEqualTo("content");
    }

    @Test
    void applyBlobRefusesAWrongDiffId() throws IOException {
        byte[] tar = new TestTar().add(file("f", "content")).bytes();
        byte[] gz = gzip(tar);
        Layer wrong = new Layer(layer(gz, tar).blob(), Digest.sha256(new byte[]{1}));
        assertThatThrownBy(() -> new LayerApplier().applyBlob(new ByteArrayInputStream(gz), wrong, root, ApplyOptions.DEFAULT))
                .isInstanceOf(BlobVerificationException.class)
                .hasMessageContaining("diff id " + wrong.diffId());
    }

    @Test
    void applyBlobReportsACorruptBlobRatherThanTheBrokenTarItYields() throws IOException {
        byte[] tar = new TestTar().add(file("f", "content")).bytes();
        Layer layer = layer(tar, tar);
        byte[] corrupt = tar.clone();
        corrupt[10] ^= 0x55; // inside the first header: checksum fails
        assertThatThrownBy(() -> new LayerApplier().applyBlob(new ByteArrayInputStream(corrupt), layer, root, ApplyOptions.DEFAULT))
                .isInstanceOf(BlobVerificationException.class)
                .hasMessageContaining("does not match its digest")
                .satisfies(e -> assertThat(e.getSuppressed()).hasOnlyElementsOfType(LayerApplyException.class));
    }

    @Test
    void applyBlobRefusesABlobLongerThanDeclared() throws IOException {
        byte[] tar = new TestTar().add(file("f", "content")).bytes();
        Layer layer = new Layer(new Descriptor("", Digest.sha256(tar), tar.length - 512), Digest.sha256(tar));
        assertThatThrownBy(() -> new LayerApplier().applyBlob(new ByteArrayInputStream(tar), layer, root, ApplyOptions.DEFAULT))
                .isInstanceOf(BlobVerificationException.class).hasMessageContaining("longer than the 1536 bytes");
    }

    static Layer layer(byte[] blob, byte[] tar) {
        return new Layer(new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", Digest.sha256(blob), blob.length),
                Digest.sha256(tar));
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(data);
        }
        return bo.toByteArray();
    }

    private static TarArchiveEntry entry(String name, byte type, int mode, long uid, long gid) {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setModTime(FileTime.from(Instant.ofEpochSecond(1_700_000_000)));
        return e;
    }

    private static void put(TarArchiveOutputStream t, TarArchiveEntry e, String content) throws IOException {
        byte[] data = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
        if (e.isFile()) {
            e.setSize(data.length);
        }
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
    }

    private static String sha(String content) {
        return Digest.sha256(content.getBytes(StandardCharsets.UTF_8)).hex();
    }

    private static Object inode(Path p) throws IOException {
        return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static Instant mtime(Path p) throws IOException {
        return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
    }
}
