package io.svcctl.rootfs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test helpers over real directory trees. */
final class Trees {
    static final LinuxFs FS = LinuxFs.load();

    private Trees() {
    }

    static ApplyStats apply(Path root, byte[] tar) throws IOException {
        return apply(root, tar, ApplyOptions.DEFAULT.withDevices(true));
    }

    static ApplyStats apply(Path root, byte[] tar, ApplyOptions options) throws IOException {
        return new LayerApplier().apply(new ByteArrayInputStream(tar), root, options);
    }

    static List<String> listing(Path root) throws IOException {
        return RootfsListing.of(root).entries();
    }

    /**
     * Everything observable about a tree, symlinks not followed: type, mode, owner, size, mtime, ctime
     * (which any chmod, chown, xattr or link change moves), link count, link target, content, xattrs.
     * Two equal snapshots mean nothing in the tree was created, changed or removed.
     */
    static Map<String, String> snapshot(Path top, Path excluded) throws IOException {
        Map<String, String> s = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(top)) {
            paths = new ArrayList<>(walk.filter(p -> !p.startsWith(excluded)).toList());
        }
        for (Path p : paths) {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime,ctime,nlink,ino",
                    LinkOption.NOFOLLOW_LINKS);
            StringBuilder b = new StringBuilder(new TreeMap<>(a).toString());
            if (Files.isSymbolicLink(p)) {
                b.append(" -> ").append(FS.readlink(p));
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                b.append(" sha256:").append(Digest.sha256(Files.readAllBytes(p)).hex());
            }
            for (String x : FS.listXattrs(p)) {
                b.append(' ').append(x).append('=').append(HexFormat.of().formatHex(FS.getXattr(p, x).orElseThrow()));
            }
            s.put(top.relativize(p).toString(), b.toString());
        }
        return s;
    }
}
