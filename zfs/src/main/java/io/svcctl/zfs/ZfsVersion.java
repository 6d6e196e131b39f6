package io.svcctl.zfs;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An OpenZFS release number, as in the lines {@code zfs-2.2.2-0ubuntu9} and {@code zfs-kmod-2.2.2-0ubuntu9}. */
public record ZfsVersion(int major, int minor, int patch) implements Comparable<ZfsVersion> {

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    public static ZfsVersion of(int major, int minor, int patch) {
        return new ZfsVersion(major, minor, patch);
    }

    /** Reads the version from the start of a version string such as {@code 2.1.11-1+deb12u1}. */
    static Optional<ZfsVersion> parseLeading(String text) {
        Matcher m = NUMBERS.matcher(text);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return Optional.of(new ZfsVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch));
    }

    public boolean isAtLeast(ZfsVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(ZfsVersion o) {
        if (major != o.major) {
            return Integer.compare(major, o.major);
        }
        if (minor != o.minor) {
            return Integer.compare(minor, o.minor);
        }
        return Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
