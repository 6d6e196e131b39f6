package io.svcctl.zfs;

import java.util.Optional;

/** Where a property's value comes from: the SOURCE column of {@code zfs get}. */
public record PropertySource(Kind kind, Optional<DatasetName> inheritedFrom) {

    public enum Kind {
        /** "-": read-only statistics, and user properties that are not set. */
        NONE,
        DEFAULT,
        LOCAL,
        INHERITED,
        TEMPORARY,
        RECEIVED
    }

    public static final PropertySource NONE = new PropertySource(Kind.NONE, Optional.empty());
    public static final PropertySource DEFAULT = new PropertySource(Kind.DEFAULT, Optional.empty());
    public static final PropertySource LOCAL = new PropertySource(Kind.LOCAL, Optional.empty());

    private static final String INHERITED_PREFIX = "inherited from ";

    public PropertySource {
        if ((kind == Kind.INHERITED) != inheritedFrom.isPresent()) {
            throw new IllegalArgumentException("an inherited source names its dataset, and only it does");
        }
    }

    /** Parses the SOURCE column as both zfs-fuse and OpenZFS print it. */
    static PropertySource parse(String column) {
        switch (column) {
            case "-":
                return NONE;
            case "default":
                return DEFAULT;
            case "local":
                return LOCAL;
            case "temporary":
                return new PropertySource(Kind.TEMPORARY, Optional.empty());
            case "received":
                return new PropertySource(Kind.RECEIVED, Optional.empty());
            default:
                if (column.startsWith(INHERITED_PREFIX)) {
                    return new PropertySource(Kind.INHERITED,
                            Optional.of(DatasetName.parse(column.substring(INHERITED_PREFIX.length()))));
                }
                throw new IllegalArgumentException("unknown property source '" + column + "'");
        }
    }

    @Override
    public String toString() {
        return inheritedFrom.map(d -> INHERITED_PREFIX + d).orElse(kind.name().toLowerCase());
    }
}
