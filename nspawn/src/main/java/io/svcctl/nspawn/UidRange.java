package io.svcctl.nspawn;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The host ids a user-namespaced container owns: 65536 of them from {@code base}, a multiple of 65536 inside
 * the span systemd reserves for containers (0x00080000-0x6FFFFFFF, docs/UIDS-GIDS.md; nspawn's "pick" draws
 * from it too). Container uid/gid N is host id {@code base + N}.
 */
public record UidRange(long base) {
    public static final long SIZE = 0x10000;
    public static final long FIRST_BASE = 0x0008_0000L;
    public static final long LAST_BASE = 0x6FFF_0000L;

    public UidRange {
        if (base < FIRST_BASE || base > LAST_BASE || base % SIZE != 0) {
            throw new IllegalArgumentException("uid base " + base + " must be a multiple of 65536 between "
                    + FIRST_BASE + " and " + LAST_BASE + " (systemd's container range)");
        }
    }

    /**
     * The lowest range not in {@code used}: deterministic, so the same set of services always yields the same
     * assignment.
     *
     * @throws IllegalStateException when all 28664 ranges are taken
     */
    public static UidRange firstFree(Collection<UidRange> used) {
        Set<Long> taken = new HashSet<>();
        used.forEach(r -> taken.add(r.base()));
        for (long b = FIRST_BASE; b <= LAST_BASE; b += SIZE) {
            if (!taken.contains(b)) {
                return new UidRange(b);
            }
        }
        throw new IllegalStateException("while allocating a uid range: all " + ((LAST_BASE - FIRST_BASE) / SIZE + 1)
                + " container ranges are in use; remove services you no longer need");
    }

    /** The host id of container id {@code id} (0 to 65535). */
    public long hostId(long id) {
        if (id < 0 || id >= SIZE) {
            throw new IllegalArgumentException("container id " + id + " is outside 0-65535");
        }
        return base + id;
    }

    /** nspawn's {@code BASE:SIZE} form. */
    @Override
    public String toString() {
        return base + ":" + SIZE;
    }
}
