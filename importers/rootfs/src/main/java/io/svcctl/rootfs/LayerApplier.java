package io.svcctl.rootfs;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies layer tars onto a rootfs directory, safely: whatever a tar says, nothing outside the rootfs is
 * created, changed or followed.
 *
 * <p>How paths are resolved: every name is parsed into components (absolute names and any ".." are
 * refused), then walked from the rootfs one component at a time with lstat semantics; an intermediate
 * component that is a symlink fails the entry. We refuse rather than resolve the link inside the root as
 * securejoin does, because an honest layer never writes through a symlink (overlayfs diffs record the real
 * path), while resolving would silently write somewhere other than the tar names, differently from how
 * Docker's overlay driver would. The final component is never followed either: it is replaced (lstat,
 * remove, create with O_EXCL) and its metadata set with NOFOLLOW calls. The threat is the tar's content,
 * not concurrent writers: the rootfs is a private dataset nobody else writes while we apply.
 *
 * <p>Metadata order follows umoci's habits: lchown, then chmod (chown clears setuid bits), then xattrs
 * (chown also clears security.capability), then times; directory times are set after all their children.
 * Hardlinks share their target's inode, so their own header metadata is not applied.
 *
 * <p>Whiteouts apply to lower layers only: {@code .wh.NAME} and {@code .wh..wh..opq} remove what the rootfs
 * held before this layer, never what this layer wrote, whatever the entry order within the layer.
 *
 * <p>An instance keeps no state between calls and may be shared; one rootfs takes one layer at a time.
 */
public final class LayerApplier {
    /**
     * Reads and writes go in chunks this large: on FUSE file systems (zfs-fuse) every write call is a request
     * to the daemon, and 1 MiB writes applied a 16 MiB layer about twice as fast as InputStream.transferTo's 8 KiB.
     */
    static final int IO_BUFFER = 1 << 20;
    private static final int READ_AHEAD_CHUNK = 256 << 10;
    private static final int READ_AHEAD_CHUNKS = 8;
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private static final String ACI_ROOT = "rootfs";
    /** A gzip member holding nothing. */
    private static final byte[] EMPTY_GZIP = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private final ApplyListener listener;
    private final LinuxFs fs;

    public LayerApplier(ApplyListener listener) {
        this.listener = listener;
        this.fs = LinuxFs.load();
    }

    public LayerApplier() {
        this(ApplyListener.NONE);
    }

    /**
     * Gets ready on another thread what the first layer would otherwise wait for: the native file calls (jnr-ffi
     * builds each call's glue on its first use) and the gzip decoder (its classes; ~0.05 s of a fresh JVM for
     * both). Call it when layers will be applied soon, e.g. while their blobs download; a failure shows when a
     * layer is applied.
     */
    public static void prepare() {
        Thread thread = new Thread(() -> {
            try (InputStream gzip = Compression.decompress(new ByteArrayInputStream(EMPTY_GZIP))) {
                LinuxFs.load().warmUp();
                gzip.transferTo(OutputStream.nullOutputStream());
            } catch (IOException | RuntimeException | LinkageError e) {
                // applying a layer meets it again and reports it
            }
        }, "svcctl-apply-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Applies one uncompressed layer tar onto {@code rootfs} (an existing directory: empty for the first
     * layer, the previous layers' result otherwise). Stops at the tar's end-of-archive marker and does not
     * close {@code tar}: drain it if its digest matters, or use {@link #applyBlob}.
     *
     * @throws LayerSecurityException an entry would escape the rootfs; the rootfs is to be discarded
     * @throws LayerApplyException     an entry could not be applied (corrupt tar, unsupported entry, I/O)
     */
    public ApplyStats apply(InputStream tar, Path rootfs, ApplyOptions options) throws IOException {
        Path root = rootfs.toRealPath();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("while applying a layer: the rootfs " + root + " is not a directory");
        }
        return new Run(root, options).apply(new TarReader(tar));
    }

    /**
     * Applies a layer blob as stored or downloaded (gzip, zstd, xz, bzip2 or plain, detected by magic
     * bytes), verifying both the blob's digest and size and the diff id (the digest of the uncompressed
     * tar). Reads the blob to its end, whatever the tar says, and closes it. A blob that fails
     * verification throws {@link BlobVerificationException}, even when the corrupt tar failed first.
     */
    public ApplyStats applyBlob(InputStream blob, Layer layer, Path rootfs, ApplyOptions options) throws IOException {
        return applyCompressed(new VerifyingInputStream(new BufferedInputStream(blob, IO_BUFFER), layer.blob()),
                layer, rootfs, options);
    }

    /**
     * Like {@link #applyBlob(InputStream, Layer, Path, ApplyOptions)} for a blob from a content store that
     * keeps a blob under its digest only once verified (a blob cache): its digest is not computed again,
     * the diff id still is, as containerd does when it unpacks from its content store.
     */
    public ApplyStats applyStoredBlob(InputStream blob, Layer layer, Path rootfs, ApplyOptions options)
            throws IOException {
        return applyCompressed(new BufferedInputStream(blob, IO_BUFFER), layer, rootfs, options);
    }

    private ApplyStats applyCompressed(InputStream blob, Layer layer, Path rootfs, ApplyOptions options)
            throws IOException {
        MessageDigest diffId = layer.diffId().newMessageDigest();
        ApplyStats stats;
        // decompressing and hashing run on another thread, beside the writes (a 16 MiB layer into zfs-fuse: ~45 → ~35 ms)
        try (ReadAheadInputStream tar = new ReadAheadInputStream(new DigestInputStream(Compression.decompress(blob),
                diffId), READ_AHEAD_CHUNK, READ_AHEAD_CHUNKS, "svcctl-layer-read")) {
            try {
                stats = apply(tar, rootfs, options);
            } catch (LayerApplyException e) {
                if (e.getCause() instanceof BlobVerificationException corrupt) {
                    throw corrupt;
                }
                // A corrupt download shows up as a broken tar: report the real cause when it is that.
                tar.stop();
                try {
                    blob.transferTo(OutputStream.nullOutputStream());
                } catch (BlobVerificationException corrupt) {
                    corrupt.addSuppressed(e);
                    throw corrupt;
                } catch (IOException ignored) {
                    // the apply failure is the better report
                }
                throw e;
            }
            tar.transferTo(OutputStream.nullOutputStream()); // to its end: the blob is this thread's again
            blob.transferTo(OutputStream.nullOutputStream());
        }
        Digest actual = Digest.of(diffId);
        if (!actual.equals(layer.diffId())) {
            throw new BlobVerificationException("while applying layer " + layer.blob().digest()
                    + ": its uncompressed content has digest " + actual + " but the image config lists diff id "
                    + layer.diffId() + "; the image is inconsistent, re-pull or rebuild it");
        }
        return stats;
    }

    /** The state of one layer application. */
    private final class Run {
        private final Path root;
        private final ApplyOptions options;
        private final IdShift shift;
        /** Paths this layer wrote, and their ancestors: whiteouts in this layer must not remove them. */
        private final Set<EntryPath> written = new HashSet<>();
        /** Directory times, set once all entries (their children) are in. */
        private final Map<EntryPath, TarEntry> dirTimes = new LinkedHashMap<>();
        private long entries;
        private long bytes;
        private long skipped;
        private final byte[] buffer = new byte[IO_BUFFER];

        private long copy(InputStream in, OutputStream out) throws IOException {
            long copied = 0;
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                out.write(buffer, 0, n);
                copied += n;
            }
            return copied;
        }

        Run(Path root, ApplyOptions options) {
            this.root = root;
            this.options = options;
            this.shift = options.idShift();
        }

        ApplyStats apply(TarReader reader) throws IOException {
            String last = "";
            for (TarEntry e = next(reader, last); e != null; e = next(reader, last)) {
                last = e.name();
                try {
                    applyEntry(e, reader);
                } catch (LayerApplyException ex) {
                    throw ex;
                } catch (InvalidPathException ex) {
                    throw new LayerApplyException(e.name(), "this JVM cannot encode its name or link target in file names ("
                            + System.getProperty("sun.jnu.encoding") + "); run svcctl with a UTF-8 locale"
                            + " (LANG=C.UTF-8)", ex);
                } catch (FileSystemException ex) {
                    throw new LayerApplyException(e.name(), ex.getClass().getSimpleName() + " " + ex.getMessage(), ex);
                } catch (IOException | IllegalArgumentException ex) {
                    throw new LayerApplyException(e.name(), ex.getMessage(), ex);
                }
            }
            for (Map.Entry<EntryPath, TarEntry> d : dirTimes.entrySet()) {
                Path dir = resolve(d.getValue().name(), d.getKey(), false).orElseThrow();
                setTimes(dir, d.getValue());
            }
            return new ApplyStats(entries, bytes, skipped);
        }

        /** Reads the next header; a failing stream (bad gzip, I/O) is reported after the last good entry. */
        private TarEntry next(TarReader reader, String last) throws IOException {
            try {
                return reader.next();
            } catch (LayerApplyException ex) {
                throw ex;
            } catch (IOException ex) {
                throw new LayerApplyException(last, "reading the layer stream " + (last.isEmpty() ? "" : "after this entry ")
                        + "failed: " + ex.getMessage(), ex);
            }
        }

        private void applyEntry(TarEntry e, TarReader reader) throws IOException {
            Optional<EntryPath> mapped = mapPath(e.name(), e.name(), "the name");
            if (mapped.isEmpty()) {
                return; // an ACI's manifest and other files beside rootfs/
            }
            EntryPath path = mapped.get();
            if (options.format() == LayerFormat.OCI && !path.isRoot() && path.fileName().startsWith(WHITEOUT)) {
                whiteout(e, path);
                return;
            }
            if (path.isRoot()) {
                if (e.kind() != EntryKind.DIRECTORY) {
                    throw new LayerSecurityException(e.name(), "a " + e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + " entry would replace the rootfs itself");
                }
                setMetadata(e, root, EntryKind.DIRECTORY, true);
                dirTimes.put(path, e);
                applied(e, EntryKind.DIRECTORY);
                return;
            }
            if ((e.kind() == EntryKind.CHAR_DEVICE || e.kind() == EntryKind.BLOCK_DEVICE)) {
                if (!options.preserveDevices()) {
                    skip(e.name(), "device node " + e.devMajor() + ":" + e.devMinor()
                            + " left out (device nodes are not preserved; container managers provide /dev)");
                    return;
                }
                if (shift.shifts()) {
                    throw new LayerSecurityException(e.name(), "device node " + e.devMajor() + ":" + e.devMinor()
                            + " in a user-namespaced (shifted) rootfs would give the container a host device");
                }
            }
            Path linkTarget = e.kind() == EntryKind.HARDLINK ? hardlinkTarget(e, path) : null;
            Path parent = resolve(e.name(), path.parent(), true).orElseThrow();
            Path target = parent.resolve(path.fileName());
            boolean keptDir = replace(path, target, e.kind());
            switch (e.kind()) {
                case DIRECTORY -> {
                    if (!keptDir) {
                        Files.createDirectory(target);
                    }
                }
                case REGULAR -> {
                    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                        bytes += copy(reader.content(), out);
                    }
                }
                case SYMLINK -> {
                    if (e.linkName().isEmpty()) {
                        throw new LayerApplyException(e.name(), "symlink with an empty target");
                    }
                    fs.symlink(e.linkName(), target);
                }
                case HARDLINK -> Files.createLink(target, linkTarget);
                case CHAR_DEVICE -> fs.mknod(target, LinuxFs.S_IFCHR | e.mode(), LinuxFs.makedev(e.devMajor(), e.devMinor()));
                case BLOCK_DEVICE -> fs.mknod(target, LinuxFs.S_IFBLK | e.mode(), LinuxFs.makedev(e.devMajor(), e.devMinor()));
                case FIFO -> fs.mknod(target, LinuxFs.S_IFIFO | e.mode(), 0);
                default -> throw new IllegalStateException("unexpected entry kind " + e.kind());
            }
            markWritten(path);
            if (e.kind() != EntryKind.HARDLINK) {
                setMetadata(e, target, e.kind(), keptDir);
                if (e.kind() == EntryKind.DIRECTORY) {
                    dirTimes.put(path, e);
                } else {
                    setTimes(target, e);
                }
            }
            applied(e, e.kind());
        }

        /** Maps a tar name to a rootfs path: for ACI only names under rootfs/ count, the rest is empty. */
        private Optional<EntryPath> mapPath(String entry, String name, String what) throws LayerApplyException {
            EntryPath p = EntryPath.parse(entry, name, what);
            return options.format() == LayerFormat.ACI ? p.under(ACI_ROOT) : Optional.of(p);
        }

        private Path hardlinkTarget(TarEntry e, EntryPath path) throws IOException {
            EntryPath t = mapPath(e.name(), e.linkName(), "the hard link target").orElseThrow(() ->
                    new LayerSecurityException(e.name(), "the hard link target '" + EntryNames.quote(e.linkName())
                            + "' lies outside the ACI's rootfs/"));
            if (t.isRoot() || t.equals(path)) {
                throw new LayerApplyException(e.name(), "hard link to " + (t.isRoot() ? "the rootfs" : "itself"));
            }
            Path linked = resolve(e.name(), t.parent(), false).map(d -> d.resolve(t.fileName()))
                    .filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS))
                    .orElseThrow(() -> new LayerApplyException(e.name(), "the hard link target '"
                            + EntryNames.quote(e.linkName()) + "' does not exist in the rootfs"));
            if (Files.isDirectory(linked, LinkOption.NOFOLLOW_LINKS)) {
                throw new LayerApplyException(e.name(), "hard link to a directory");
            }
            return linked;
        }

        private void whiteout(TarEntry e, EntryPath marker) throws IOException {
            String base = marker.fileName();
            Optional<Path> dir = resolve(e.name(), marker.parent(), false);
            if (base.equals(OPAQUE)) {
                if (dir.isPresent()) {
                    pruneChildren(marker.parent(), dir.get());
                }
                applied(e, EntryKind.OPAQUE_WHITEOUT);
                return;
            }
            if (base.startsWith(WHITEOUT + WHITEOUT)) {
                skip(e.name(), "aufs metadata entry ignored");
                return;
            }
            String name = base.substring(WHITEOUT.length());
            if (name.equals("..") || ((name.isEmpty() || name.equals(".")) && marker.parent().isRoot())) {
                throw new LayerSecurityException(e.name(), "this whiteout would remove "
                        + (name.equals("..") ? "something outside its directory" : "the rootfs itself"));
            }
            if (name.isEmpty() || name.equals(".")) {
                throw new LayerApplyException(e.name(), "a whiteout needs a name after '.wh.'");
            }
            if (dir.isPresent()) {
                Path victim = dir.get().resolve(name);
                if (Files.exists(victim, LinkOption.NOFOLLOW_LINKS)) {
                    prune(marker.parent().child(name), victim);
                }
            }
            applied(e, EntryKind.WHITEOUT);
        }

        /** Removes what lower layers left at {@code rel}, keeping what this layer wrote. */
        private void prune(EntryPath rel, Path abs) throws IOException {
            if (!written.contains(rel)) {
                delete(rel, abs);
            } else if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                pruneChildren(rel, abs);
            }
        }

        private void pruneChildren(EntryPath rel, Path dir) throws IOException {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                s.forEach(children::add);
            }
            for (Path c : children) {
                prune(rel.child(c.getFileName().toString()), c);
            }
        }

        /**
         * Walks {@code rel} from the rootfs and returns it if every component is a real directory; empty
         * if one is missing (or, without {@code create}, not a directory). With {@code create}, missing
         * directories are made (root-owned in the shifted range, 0755). A symlink fails the entry.
         */
        private Optional<Path> resolve(String entry, EntryPath rel, boolean create) throws IOException {
            Path p = root;
            for (String c : rel.components()) {
                p = p.resolve(c);
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException missing) {
                    if (!create) {
                        return Optional.empty();
                    }
                    Files.createDirectory(p);
                    chown(p, 0, 0);
                    fs.chmod(p, 0755);
                    continue;
                }
                if (a.isSymbolicLink()) {
                    throw new LayerSecurityException(entry, "its path passes through the symlink '"
                            + EntryNames.quote(root.relativize(p).toString()) + "', and following it could escape the rootfs");
                }
                if (!a.isDirectory()) {
                    if (!create) {
                        return Optional.empty();
                    }
                    throw new LayerApplyException(entry, "'" + EntryNames.quote(root.relativize(p).toString())
                            + "' is not a directory");
                }
            }
            return Optional.of(p);
        }

        /** Clears the way for a new entry at {@code target}; true when an existing directory is kept (dir over dir). */
        private boolean replace(EntryPath rel, Path target, EntryKind kind) throws IOException {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException missing) {
                return false;
            }
            if (kind == EntryKind.DIRECTORY && a.isDirectory()) {
                return true;
            }
            delete(rel, target);
            return false;
        }

        /** Deletes a tree without following symlinks (they are removed as links). */
        private void delete(EntryPath rel, Path abs) throws IOException {
            if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                dirTimes.keySet().removeIf(d -> d.isWithin(rel));
                Files.walkFileTree(abs, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                        if (exc != null) {
                            throw exc;
                        }
                        Files.delete(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } else {
                Files.delete(abs);
            }
        }

        private void markWritten(EntryPath path) {
            for (EntryPath p = path; !p.isRoot() && written.add(p); p = p.parent()) {
                // ancestors are added until one is already known
            }
        }

        /** @param existing the entry is a directory that was there already (from a lower layer) */
        private void setMetadata(TarEntry e, Path p, EntryKind kind, boolean existing) throws IOException {
            chown(p, e.uid(), e.gid());
            if (kind != EntryKind.SYMLINK) {
                fs.chmod(p, e.mode());
            }
            setXattrs(e, p, kind, existing);
        }

        private void chown(Path p, long uid, long gid) throws IOException {
            Files.setAttribute(p, "unix:uid", (int) shift.map(uid, "uid"), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", (int) shift.map(gid, "gid"), LinkOption.NOFOLLOW_LINKS);
        }

        private void setXattrs(TarEntry e, Path p, EntryKind kind, boolean existing) throws IOException {
            if (existing) {
                // A directory kept from a lower layer takes this entry's xattrs, not a union. The host
                // labels files itself (SELinux): leave that one alone.
                for (String old : listXattrs(e, p)) {
                    if (!e.xattrs().containsKey(old) && !old.equals("security.selinux")) {
                        fs.removeXattr(p, old);
                    }
                }
            }
            for (Map.Entry<String, byte[]> x : e.xattrs().entrySet()) {
                try {
                    fs.setXattr(p, x.getKey(), x.getValue());
                } catch (ErrnoException err) {
                    boolean userOnLink = kind == EntryKind.SYMLINK && x.getKey().startsWith("user.") && LinuxFs.notPermitted(err);
                    if (!LinuxFs.notSupported(err) && !userOnLink) {
                        throw err;
                    }
                    skip(e.name(), "xattr " + x.getKey() + " left out: " + (userOnLink
                            ? "Linux allows no user.* xattrs on symlinks"
                            : "the filesystem under " + root + " does not support it; use one with xattr support"));
                }
            }
        }

        private List<String> listXattrs(TarEntry e, Path p) throws ErrnoException {
            try {
                return fs.listXattrs(p);
            } catch (ErrnoException err) {
                if (LinuxFs.notSupported(err)) {
                    return List.of();
                }
                throw err;
            }
        }

        private void setTimes(Path p, TarEntry e) throws ErrnoException {
            fs.setTimes(p, e.atime() == null ? e.mtime() : e.atime(), e.mtime());
        }

        private void applied(TarEntry e, EntryKind kind) {
            entries++;
            listener.on(new ApplyEvent.Applied(e.name(), kind, entries, bytes));
        }

        private void skip(String entry, String why) {
            skipped++;
            listener.on(new ApplyEvent.Skipped(entry, why));
        }
    }
}
