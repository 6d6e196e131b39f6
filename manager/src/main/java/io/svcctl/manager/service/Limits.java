package io.svcctl.manager.service;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resource limits; null means "no limit". Rendered into the unit's MemoryMax=, CPUQuota=, TasksMax=. */
public record Limits(Long memoryBytes, Double cpus, Long tasks) {
    private static final Pattern SIZE = Pattern.compile("(\\d+)([KMGT]?)i?B?", Pattern.CASE_INSENSITIVE);

    public Limits {
        if (memoryBytes != null && memoryBytes < 1024 * 1024) {
            throw new IllegalArgumentException("a memory limit under 1M cannot run a container: " + memoryBytes);
        }
        if (cpus != null && (cpus <= 0 || cpus > 4096)) {
            throw new IllegalArgumentException("--cpus must be above 0, not " + cpus);
        }
        if (tasks != null && tasks < 1) {
            throw new IllegalArgumentException("--tasks must be at least 1, not " + tasks);
        }
    }

    public static Limits none() {
        return new Limits(null, null, null);
    }

    /** Sizes as people write them: {@code 512M}, {@code 2G}, {@code 1073741824} (powers of 1024). */
    public static long parseSize(String s) {
        Matcher m = SIZE.matcher(s.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + s + "' (want e.g. 512M or 2G)");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size too large: '" + s + "'");
        }
        return n << shift;
    }
}
