package io.svcctl.zfs;

/**
 * A snapshot or dataset guid: an unsigned 64-bit number that stays the same when the snapshot is sent
 * to another pool, so it tells whether two hosts hold the same snapshot.
 */
public record Guid(long bits) {

    public static Guid parse(String decimal) {
        return new Guid(Long.parseUnsignedLong(decimal));
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(bits);
    }
}
