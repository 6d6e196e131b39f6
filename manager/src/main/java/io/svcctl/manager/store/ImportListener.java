package io.svcctl.manager.store;

import io.svcctl.rootfs.Layer;

/** What an import reports while it works; the CLI renders it (progress bars on a terminal, lines otherwise). */
public interface ImportListener {
    ImportListener NONE = new ImportListener() {
    };

    /** How the store will build the image: which layers it reuses and which it applies. */
    default void planned(ImportPlan plan, int layersToApply) {
    }

    default void applying(int index, int total, Layer layer) {
    }

    default void applied(int index, int total, Layer layer, long entries, long bytes) {
    }
}
