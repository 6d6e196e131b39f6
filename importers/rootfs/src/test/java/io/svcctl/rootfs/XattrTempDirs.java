package io.svcctl.rootfs;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary directories on a filesystem that stores user, trusted and security xattrs: java.io.tmpdir if
 * it does, else the module's target/ directory; the tests fail loudly when neither does or when they do
 * not run as root (mknod, chown and trusted.* xattrs need it).
 */
public final class XattrTempDirs implements TempDirFactory {
    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            fail("these tests must run as root: they create device nodes, chown files and set trusted.*"
                    + " and security.* xattrs, as applying real layers does");
        }
        List<Path> candidates = List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("target").toAbsolutePath());
        for (Path parent : candidates) {
            Files.createDirectories(parent);
            Path dir = Files.createTempDirectory(parent, "rootfs-test");
            if (supportsXattrs(dir)) {
                return dir;
            }
            Files.delete(dir);
        }
        return fail("these tests need a filesystem with xattr support (user, trusted, security), but neither of "
                + candidates + " has one; point -Djava.io.tmpdir at ext4, xfs, btrfs or tmpfs");
    }

    private static boolean supportsXattrs(Path dir) throws IOException {
        Path probe = Files.createFile(dir.resolve("xattr-probe"));
        try {
            for (String name : List.of("user.svcctl.probe", "trusted.svcctl.probe")) {
                Trees.FS.setXattr(probe, name, new byte[]{1});
            }
            return true;
        } catch (ErrnoException e) {
            return false;
        } finally {
            Files.delete(probe);
        }
    }
}
