package io.svcctl.zfs;

/** The tag of a user hold on a snapshot ({@code zfs hold TAG SNAP}): a name that cannot pass for an option. */
public record HoldTag(String value) {

    private static final String KIND = "hold tag";

    public HoldTag {
        NameCheck.length(KIND, value, NameCheck.MAX_NAME_LENGTH);
        NameCheck.component(KIND, value, value);
    }

    public static HoldTag parse(String value) {
        return new HoldTag(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
