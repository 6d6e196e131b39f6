package io.svcctl.rootfs;

import static io.svcctl.rootfs.TestTar.dir;
import static io.svcctl.rootfs.TestTar.file;
import static io.svcctl.rootfs.TestTar.hardlink;
import static io.svcctl.rootfs.TestTar.symlink;
import static io.svcctl.rootfs.Trees.FS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layers that try to reach outside the rootfs. Each must fail naming the offending entry, and a sentinel
 * tree beside the rootfs ("outside", also named by absolute paths) must be exactly as before, down to
 * ctimes, link counts and xattrs.
 */
class HostileLayerTest {
    private static final ApplyOptions DEVICES = ApplyOptions.DEFAULT.withDevices(true);

    @TempDir(factory = XattrTempDirs.class)
    Path sandbox;
    Path root;
    Path outside;

    @BeforeEach
    void sandbox() throws IOException {
        root = Files.createDirectory(sandbox.resolve("rootfs"));
        outside = Files.createDirectories(sandbox.resolve("outside"));
        Files.createDirectories(outside.resolve("etc"));
        Files.writeString(outside.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.createDirectories(outside.resolve("dir/sub"));
        Files.writeString(outside.resolve("dir/file"), "keep me");
        Files.writeString(outside.resolve("dir/sub/deep"), "keep me too");
        FS.setXattr(outside.resolve("dir/file"), "user.sentinel", new byte[]{1, 2, 3});
    }

    /** A hostile case: the layers (all but the last must apply), the entry the error must name, the options. */
    record Case(String title, Function<String, List<byte[]>> layers, String entry, Class<? extends Exception> type,
                ApplyOptions options) {
        @Override
        public String toString() {
            return title;
        }
    }

    private static Case security(String title, String entry, Function<String, TestTar> layer) {
        return new Case(title, o -> List.of(layer.apply(o).bytes()), entry, LayerSecurityException.class, DEVICES);
    }

    static Stream<Arguments> hostileLayers() {
        TestTar.H big = file("big", "only a little");
        big.size = 1L << 30;
        TestTar.H invalidUtf8 = file("x", "");
        invalidUtf8.name = new byte[]{'b', 'a', 'd', (byte) 0xff, (byte) 0xfe};
        TestTar.H gnuLong = file("short", "pwned");
        gnuLong.gnuLongName = TestTar.utf8("a/".repeat(60) + "../".repeat(61) + "outside/x");
        TestTar.H prefixed = file("x", "pwned");
        prefixed.prefix = TestTar.utf8("..");
        List<Case> cases = List.of(
                security("dotdot name", "../outside/etc/passwd", o -> new TestTar().add(file("../outside/etc/passwd", "pwned"))),
                security("./../ name", "./../outside/x", o -> new TestTar().add(file("./../outside/x", "pwned"))),
                security("a/b/../../../ name", "a/b/../../../outside/x",
                        o -> new TestTar().add(file("a/b/../../../outside/x", "pwned"))),
                security("inner dotdot, even if lexically inside", "a/../b", o -> new TestTar().add(file("a/../b", "x"))),
                security("absolute name", "ABS/etc/passwd", o -> new TestTar().add(file(o + "/etc/passwd", "pwned"))),
                security("entry named exactly ..", "..", o -> new TestTar().add(dir(".."))),
                security("symlink named ../x", "../outside/new", o -> new TestTar().add(symlink("../outside/new", "/"))),
                security("write through an absolute symlink of the same layer", "a/passwd",
                        o -> new TestTar().add(symlink("a", o + "/etc"), file("a/passwd", "pwned"))),
                security("write through a relative escaping symlink", "a/x",
                        o -> new TestTar().add(symlink("a", "../outside"), file("a/x", "pwned"))),
                security("symlink to a dir in a deeper parent component", "d/l/sub/new",
                        o -> new TestTar().add(dir("d"), symlink("d/l", o + "/dir"), file("d/l/sub/new", "pwned"))),
                new Case("write through a symlink a lower layer made", o -> List.of(
                        new TestTar().add(symlink("etc", o + "/etc")).bytes(),
                        new TestTar().add(file("etc/passwd", "pwned")).bytes()),
                        "etc/passwd", LayerSecurityException.class, DEVICES),
                security("symlink loop", "a/x",
                        o -> new TestTar().add(symlink("a", "b"), symlink("b", "a"), file("a/x", "pwned"))),
                security("dir replaced by a symlink, then written into", "a/x",
                        o -> new TestTar().add(dir("a"), symlink("a", o + "/dir"), file("a/x", "pwned"))),
                security("hardlink to an absolute target", "h", o -> new TestTar().add(hardlink("h", o + "/etc/passwd"))),
                security("hardlink with a dotdot target", "h", o -> new TestTar().add(hardlink("h", "../outside/etc/passwd"))),
                security("hardlink through a symlink", "h",
                        o -> new TestTar().add(symlink("a", o + "/etc"), hardlink("h", "a/passwd"))),
                security("hardlink target from a PAX linkpath", "h",
                        o -> new TestTar().add(hardlink("h", "harmless").pax("linkpath", o + "/etc/passwd"))),
                security("whiteout climbing out", "../outside/.wh.etc", o -> new TestTar().add(file("../outside/.wh.etc", ""))),
                security("whiteout of ..", ".wh...", o -> new TestTar().add(file(".wh...", ""))),
                security("whiteout of the rootfs itself", ".wh..", o -> new TestTar().add(file(".wh..", ""))),
                security("whiteout through a symlink", "a/.wh.file",
                        o -> new TestTar().add(symlink("a", o + "/dir"), file("a/.wh.file", ""))),
                security("opaque marker through a symlink", "a/.wh..wh..opq",
                        o -> new TestTar().add(symlink("a", o + "/dir"), file("a/.wh..wh..opq", ""))),
                security("rootfs replaced by a file", "./", o -> new TestTar().add(file("./", "pwned"))),
                security("rootfs replaced by a symlink", ".", o -> new TestTar().add(symlink(".", o))),
                security("PAX path overriding an innocent header name", "../outside/x",
                        o -> new TestTar().add(file("innocent", "pwned").pax("path", "../outside/x"))),
                security("GNU long name with dotdots", "a/".repeat(60) + "../".repeat(61) + "outside/x",
                        o -> new TestTar().add(gnuLong)),
                security("ustar prefix of ..", "../x", o -> new TestTar().add(prefixed)),
                security("control characters around a dotdot", "evil\n\u001b[0m/../../outside/x",
                        o -> new TestTar().add(file("evil\n\u001b[0m/../../outside/x", "pwned"))),
                new Case("device node with an ownership shift", o -> List.of(new TestTar()
                        .add(new TestTar.H('3', "dev/mem").device(1, 1).mode(0600)).bytes()),
                        "dev/mem", LayerSecurityException.class, DEVICES.withIdShift(IdShift.of(100_000))),
                new Case("ACI hardlink out of rootfs/", o -> List.of(new TestTar()
                        .add(file("manifest", "{}"), hardlink("rootfs/h", "manifest")).bytes()),
                        "rootfs/h", LayerSecurityException.class, DEVICES.withFormat(LayerFormat.ACI)),
                new Case("owner past the shifted range", o -> List.of(new TestTar()
                        .add(file("f", "x").owner(65536, 0)).bytes()),
                        "f", LayerApplyException.class, DEVICES.withIdShift(IdShift.of(100_000))),
                new Case("huge declared size, truncated stream", o -> List.of(new TestTar().add(big).raw()),
                        "big", LayerApplyException.class, DEVICES),
                new Case("name that is not UTF-8", o -> List.of(new TestTar().add(invalidUtf8).bytes()),
                        "bad\uFFFD\uFFFD", LayerApplyException.class, DEVICES));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileLayers")
    void failsNamingTheEntryAndChangesNothingOutside(Case c) throws IOException {
        String o = outside.toString();
        Map<String, String> before = Trees.snapshot(sandbox, root);
        List<byte[]> layers = c.layers().apply(o);
        for (byte[] lower : layers.subList(0, layers.size() - 1)) {
            Trees.apply(root, lower, c.options());
        }
        String quoted = "'" + EntryNames.quote(c.entry().replace("ABS", o)) + "'";
        assertThatThrownBy(() -> new LayerApplier().apply(new ByteArrayInputStream(layers.get(layers.size() - 1)), root, c.options()))
                .isInstanceOf(c.type())
                .hasMessageContaining(quoted);
        assertThat(Trees.snapshot(sandbox, root)).isEqualTo(before);
    }

    @Test
    void replacingASymlinkNeverTouchesItsTarget() throws IOException {
        Map<String, String> before = Trees.snapshot(sandbox, root);
        String o = outside.toString();
        Trees.apply(root, new TestTar().add(symlink("p", o + "/etc/passwd"), symlink("d", o + "/dir"), symlink("f", o + "/dir/file")).bytes());
        Trees.apply(root, new TestTar().add(file("p", "mine"), dir("d").mode(0700), file("d/new", "inside"),
                file(".wh.f", ""), hardlink("h", "p")).bytes());

        assertThat(Trees.listing(root)).containsExactly(
                "d 0700 0:0 - ./d", "f 0644 0:0 6 ./d/new", "f 0644 0:0 4 ./h", "f 0644 0:0 4 ./p");
        assertThat(Trees.snapshot(sandbox, root)).isEqualTo(before);
    }
}
