package io.svcctl.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A rootfs tree as comparable text, the format of {@code /work/shared/fixtures/expected/*.txt}: one line per
 * path below the root ({@code type mode uid:gid size ./path [target]}), sorted by the path's UTF-8 bytes,
 * then {@code sha256  ./path} for every regular file. Lets a tree unpacked by us be compared line for line
 * with one unpacked by umoci.
 *
 * <p>Types are find(1)'s letters (f d l c b p s). Size is "-" except for regular files; device nodes show
 * {@code major,minor} there. Mode is the four octal digits of permissions plus setuid/setgid/sticky.
 * Control characters and backslashes in names are escaped as {@code \xNN} / {@code \\}. Times and xattrs
 * are not listed (umoci and Docker disagree on directory times).
 *
 * @param entries     the tree lines, without the fixture's two-space indent
 * @param fileDigests the "sha256  ./path" lines
 */
public record RootfsListing(List<String> entries, List<String> fileDigests) {
    private static final String TREE_HEADER = "rootfs (after applying layers and whiteouts):";
    private static final String DIGEST_HEADER = "regular file sha256:";

    public RootfsListing {
        entries = List.copyOf(entries);
        fileDigests = List.copyOf(fileDigests);
    }

    /** Lists the tree under {@code root} without following any symlink. */
    public static RootfsListing of(Path root) throws IOException {
        LinuxFs fs = LinuxFs.load();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = new ArrayList<>(walk.filter(p -> !p.equals(root)).toList());
        }
        paths.sort((a, b) -> Arrays.compareUnsigned(bytes(root.relativize(a)), bytes(root.relativize(b))));
        List<String> entries = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (Path p : paths) {
            String name = "./" + EntryNames.quote(root.relativize(p).toString());
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,rdev", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            char type = type(mode);
            String size = switch (type) {
                case 'f' -> a.get("size").toString();
                case 'c', 'b' -> LinuxFs.major((Long) a.get("rdev")) + "," + LinuxFs.minor((Long) a.get("rdev"));
                default -> "-";
            };
            String line = String.format("%c %04o %d:%d %s %s", type, mode & 07777,
                    Integer.toUnsignedLong((Integer) a.get("uid")), Integer.toUnsignedLong((Integer) a.get("gid")), size, name);
            if (type == 'l') {
                line += " " + EntryNames.quote(fs.readlink(p));
            }
            entries.add(line);
            if (type == 'f') {
                digests.add(sha256(p) + "  " + name);
            }
        }
        return new RootfsListing(entries, digests);
    }

    /** Reads the two sections of an expected-listing file (the fixture format); other lines are ignored. */
    public static RootfsListing parseExpected(List<String> lines) {
        List<String> entries = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        List<String> into = null;
        for (String line : lines) {
            if (line.equals(TREE_HEADER)) {
                into = entries;
            } else if (line.equals(DIGEST_HEADER)) {
                into = digests;
            } else if (line.startsWith("  ") && into != null) {
                into.add(line.substring(2));
            } else {
                into = null;
            }
        }
        return new RootfsListing(entries, digests);
    }

    /** Both sections as the fixture files write them. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(TREE_HEADER);
        entries.forEach(e -> out.add("  " + e));
        out.add(DIGEST_HEADER);
        fileDigests.forEach(d -> out.add("  " + d));
        return out;
    }

    private static char type(int mode) {
        return switch (mode & 0170000) {
            case 0100000 -> 'f';
            case 0040000 -> 'd';
            case 0120000 -> 'l';
            case 0020000 -> 'c';
            case 0060000 -> 'b';
            case 0010000 -> 'p';
            case 0140000 -> 's';
            default -> '?';
        };
    }

    private static byte[] bytes(Path relative) {
        return relative.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md = Digest.newSha256();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[65536];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
