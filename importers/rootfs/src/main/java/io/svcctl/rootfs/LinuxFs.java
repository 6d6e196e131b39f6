package io.svcctl.rootfs;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jnr.constants.platform.Errno;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * The few Linux calls the JDK lacks or gets wrong for unpacking, none of which follows a final symlink or
 * opens the file. Why native: java.nio has no mknod and no lsetxattr (UserDefinedFileAttributeView only
 * reaches {@code user.*} and follows symlinks); its {@code unix:mode} and setTimes with NOFOLLOW_LINKS
 * open the file, which blocks on a FIFO and would open a device node. jnr-posix lacks mknod and the xattr
 * calls, so these are bound with jnr-ffi (which jnr-posix brings) straight to glibc: fchmodat with
 * AT_SYMLINK_NOFOLLOW (glibc 2.32+, works without opening), utimensat, mknod (exported since glibc 2.33),
 * the l*xattr family, and symlink/readlink on bytes (java.nio normalizes link targets: "dir/" would
 * lose its slash). 64-bit Linux only: the timespec layout below assumes 64-bit longs.
 */
final class LinuxFs {
    static final int S_IFCHR = 0020000;
    static final int S_IFBLK = 0060000;
    static final int S_IFIFO = 0010000;
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int XATTR_MAX = 65536;
    private static final int PATH_MAX = 4096;

    /**
     * glibc entry points; byte[] paths are NUL-terminated by {@link #bytes}. No jnr-ffi annotations: errno is saved
     * by default, and on 64-bit Linux mode_t is an int and dev_t, size_t and ssize_t are longs; each annotation
     * type would cost a dynamic proxy class in every fresh JVM.
     */
    public interface LibC {
        int mknod(byte[] path, int mode, long dev);

        int fchmodat(int dirfd, byte[] path, int mode, int flags);

        int utimensat(int dirfd, byte[] path, long[] times, int flags);

        int symlink(byte[] target, byte[] linkPath);

        long readlink(byte[] path, byte[] buf, long size);

        int lsetxattr(byte[] path, byte[] name, byte[] value, long size, int flags);

        long lgetxattr(byte[] path, byte[] name, byte[] value, long size);

        long llistxattr(byte[] path, byte[] list, long size);

        int lremovexattr(byte[] path, byte[] name);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    }

    private final LibC libc;
    private final Runtime runtime;
    /** The JDK turns Path strings into bytes with sun.jnu.encoding; native calls must use the same bytes. */
    private final Charset pathCharset;

    private LinuxFs(LibC libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
        this.pathCharset = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    }

    /**
     * Makes every call once on the empty path, which names no file (each fails with ENOENT): jnr-ffi builds a
     * call's glue on its first use, and the first error loads the errno table.
     */
    void warmUp() {
        Path none = Path.of("");
        List<ErrnoCall> calls = List.of(() -> mknod(none, S_IFIFO, 0), () -> chmod(none, 0),
                () -> setTimes(none, Instant.EPOCH, Instant.EPOCH), () -> symlink("target", none), () -> readlink(none),
                () -> setXattr(none, "user.none", new byte[0]), () -> getXattr(none, "user.none"),
                () -> listXattrs(none), () -> removeXattr(none, "user.none"));
        for (ErrnoCall call : calls) {
            try {
                call.run();
            } catch (ErrnoException expected) {
                // ENOENT
            }
        }
    }

    private interface ErrnoCall {
        void run() throws ErrnoException;
    }

    static LinuxFs load() {
        if (!System.getProperty("os.name").equals("Linux")) {
            throw new IllegalStateException("while loading native file calls: layers can only be applied on Linux,"
                    + " this is " + System.getProperty("os.name"));
        }
        return new LinuxFs(Holder.LIBC);
    }

    static long makedev(long major, long minor) {
        return ((major & 0xfffL) << 8) | ((major & 0xfffff000L) << 32)
                | (minor & 0xffL) | ((minor & 0xffffff00L) << 12);
    }

    static long major(long dev) {
        return ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & 0xfffff000L);
    }

    static long minor(long dev) {
        return (dev & 0xffL) | ((dev >>> 12) & 0xffffff00L);
    }

    void mknod(Path p, int mode, long dev) throws ErrnoException {
        check(libc.mknod(bytes(p), mode, dev), "mknod", p);
    }

    /** chmod without following a final symlink and without opening the file (FIFOs, devices). */
    void chmod(Path p, int mode) throws ErrnoException {
        check(libc.fchmodat(AT_FDCWD, bytes(p), mode, AT_SYMLINK_NOFOLLOW), "fchmodat", p);
    }

    /** Sets access and modification times of {@code p} itself (a symlink's own times, never its target's). */
    void setTimes(Path p, Instant atime, Instant mtime) throws ErrnoException {
        long[] ts = {atime.getEpochSecond(), atime.getNano(), mtime.getEpochSecond(), mtime.getNano()};
        check(libc.utimensat(AT_FDCWD, bytes(p), ts, AT_SYMLINK_NOFOLLOW), "utimensat", p);
    }

    void symlink(String target, Path link) throws ErrnoException {
        check(libc.symlink(nul(encode(target)), bytes(link)), "symlink", link);
    }

    String readlink(Path p) throws ErrnoException {
        byte[] buf = new byte[PATH_MAX];
        long n = libc.readlink(bytes(p), buf, buf.length);
        check(n < 0 ? -1 : 0, "readlink", p);
        return new String(buf, 0, (int) n, pathCharset);
    }

    void setXattr(Path p, String name, byte[] value) throws ErrnoException {
        check(libc.lsetxattr(bytes(p), nul(name.getBytes(StandardCharsets.UTF_8)), value, value.length, 0),
                "lsetxattr " + name, p);
    }

    Optional<byte[]> getXattr(Path p, String name) throws ErrnoException {
        byte[] buf = new byte[XATTR_MAX];
        long n = libc.lgetxattr(bytes(p), nul(name.getBytes(StandardCharsets.UTF_8)), buf, buf.length);
        if (n < 0) {
            int errno = runtime.getLastError();
            if (errno == Errno.ENODATA.intValue()) {
                return Optional.empty();
            }
            throw failure("lgetxattr " + name, p, errno);
        }
        return Optional.of(Arrays.copyOf(buf, (int) n));
    }

    List<String> listXattrs(Path p) throws ErrnoException {
        byte[] buf = new byte[XATTR_MAX];
        long n = libc.llistxattr(bytes(p), buf, buf.length);
        check(n < 0 ? -1 : 0, "llistxattr", p);
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (buf[i] == 0) {
                names.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return names;
    }

    void removeXattr(Path p, String name) throws ErrnoException {
        check(libc.lremovexattr(bytes(p), nul(name.getBytes(StandardCharsets.UTF_8))), "lremovexattr " + name, p);
    }

    static boolean notSupported(ErrnoException e) {
        return e.errno() == Errno.EOPNOTSUPP.intValue() || e.errno() == Errno.ENOTSUP.intValue();
    }

    static boolean notPermitted(ErrnoException e) {
        return e.errno() == Errno.EPERM.intValue();
    }

    private void check(int rc, String call, Path p) throws ErrnoException {
        if (rc != 0) {
            throw failure(call, p, runtime.getLastError());
        }
    }

    private static ErrnoException failure(String call, Path p, int errno) {
        Errno e = Errno.valueOf(errno);
        return new ErrnoException(call, p.toString(), errno, e == null ? "unknown error" : e.description());
    }

    private byte[] bytes(Path p) {
        return nul(encode(p.toString()));
    }

    /** Encodes as the JDK does for file names, but refuses instead of writing '?' for what it cannot map. */
    private byte[] encode(String s) {
        try {
            ByteBuffer b = pathCharset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
            return Arrays.copyOf(b.array(), b.limit());
        } catch (CharacterCodingException e) {
            throw new InvalidPathException(s, "cannot be encoded in " + pathCharset);
        }
    }

    private static byte[] nul(byte[] b) {
        return Arrays.copyOf(b, b.length + 1);
    }
}
