package io.svcctl.rootfs;

/** Progress of a layer application, for the caller to render; the applier itself never prints. */
public sealed interface ApplyEvent {
    /** An entry was applied; the counters run over the layer so far. */
    record Applied(String entry, EntryKind kind, long entriesSoFar, long contentBytesSoFar) implements ApplyEvent {
    }

    /** An entry, or one attribute of it, was left out on purpose; {@code why} says what and what to do. */
    record Skipped(String entry, String why) implements ApplyEvent {
    }
}
