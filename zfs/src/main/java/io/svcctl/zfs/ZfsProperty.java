package io.svcctl.zfs;

import java.util.Optional;

/**
 * One row of {@code zfs get -H -p}: which object, which property, its raw value and its source.
 * zfs prints "-" for "no value" (an unset user property, a filesystem's origin); {@link #optionalValue()}
 * turns that into empty.
 */
public record ZfsProperty(String owner, PropertyName name, String value, PropertySource source) {

    private static final String NO_VALUE = "-";

    public Optional<String> optionalValue() {
        return value.equals(NO_VALUE) ? Optional.empty() : Optional.of(value);
    }

    /** The value as a number; {@code zfs get -p} prints sizes, counts and times as plain integers. */
    public long longValue() {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("property " + name + " of " + owner + " is '" + value
                    + "', not an exact number (this userland may not print exact values for it)", e);
        }
    }

    /** The value as an unsigned 64-bit number, e.g. a guid. */
    public long unsignedLongValue() {
        try {
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("property " + name + " of " + owner + " is '" + value
                    + "', not an unsigned 64-bit number", e);
        }
    }
}
