package io.svcctl.manager.migrate;

import java.util.List;

/**
 * One zfs stream of a migration: {@code source} (a dataset relative to the source's root) up to its snapshot
 * {@code snapshot}, received into {@code target} (relative to the target's root).
 *
 * @param from      for INCREMENTAL, the relative snapshot it is based on ({@code -I from}): an earlier
 *                  snapshot of the same dataset, or a clone's origin; null otherwise
 * @param resumeToken for RESUME, the target's token
 * @param discard   snapshots of the target's staged copy newer than the common one, destroyed before receiving
 *                  (only ever on staged datasets, which hold nothing but earlier attempts of this migration)
 * @param estimatedBytes a lower bound from {@code referenced} (zfs-fuse has no {@code send -nv})
 */
public record SendStep(String source, String target, String snapshot, Kind kind, String from, String resumeToken,
                       List<String> discard, long estimatedBytes) {

    public enum Kind {
        /** the whole snapshot: the target has nothing of this dataset */
        FULL,
        /** the changes since {@code from}, with every snapshot in between ({@code zfs send -I}) */
        INCREMENTAL,
        /** the rest of an interrupted receive ({@code zfs send -t}, OpenZFS) */
        RESUME
    }

    public SendStep {
        discard = discard == null ? List.of() : List.copyOf(discard);
    }

    public String describe() {
        return switch (kind) {
            case FULL -> source + "@" + snapshot + " (full)";
            case INCREMENTAL -> source + "@" + snapshot + " (incremental from " + from + ")";
            case RESUME -> target + " (resuming an interrupted receive)";
        };
    }
}
