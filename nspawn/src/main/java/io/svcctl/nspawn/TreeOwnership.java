package io.svcctl.nspawn;

import java.util.Optional;

/**
 * Who owns the files of a container's root tree on disk: the ids the image says (0-65535, "unshifted"), or those
 * ids moved into a container range by the importer ("shifted", owner N stored as {@code base + N}).
 */
public record TreeOwnership(Optional<UidRange> shiftedTo) {

    public static TreeOwnership unshifted() {
        return new TreeOwnership(Optional.empty());
    }

    public static TreeOwnership shiftedTo(UidRange range) {
        return new TreeOwnership(Optional.of(range));
    }
}
