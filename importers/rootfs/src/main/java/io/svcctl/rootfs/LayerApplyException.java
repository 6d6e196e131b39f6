package io.svcctl.rootfs;

import java.io.IOException;

/**
 * A layer entry that could not be applied. The message names the entry (control characters escaped) and
 * says why; the rootfs is left part-way, so the caller discards it (rolls the dataset back to the
 * previous layer's snapshot).
 */
public class LayerApplyException extends IOException {
    private final String entry;

    public LayerApplyException(String entry, String why) {
        this(entry, why, null);
    }

    public LayerApplyException(String entry, String why, Throwable cause) {
        super((entry.isEmpty() ? "while reading a layer: " : "while applying layer entry '" + EntryNames.quote(entry) + "': ")
                + why, cause);
        this.entry = entry;
    }

    /** The entry's name as the tar spells it (after PAX and GNU long-name records), unescaped; "" before the first. */
    public String entry() {
        return entry;
    }
}
