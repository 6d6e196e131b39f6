package io.svcctl.manager.migrate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One dataset as a migration sees it, named relative to the store's root dataset ({@code services/web},
 * {@code images/<hex>}) so that two hosts with different pools compare by name and guid.
 *
 * @param origin      the relative snapshot a clone was made from ({@code images/<hex>@ready}), or null
 * @param originGuid  that snapshot's guid, or null
 * @param snapshots   in creation order
 * @param resumeToken an interrupted resumable receive's token (OpenZFS), or null
 * @param marks       svcctl's migration marks on it ({@code svcctl:migrating}, {@code svcctl:migrated-to})
 */
public record DatasetState(String dataset, String origin, String originGuid, List<Snapshot> snapshots,
                           String resumeToken, Map<String, String> marks) {

    /** A snapshot's short name ({@code svcctl-mig-3}, {@code ready}), guid, creation txg and referenced bytes. */
    public record Snapshot(String name, String guid, long createTxg, long referenced) {
    }

    public DatasetState {
        snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
        marks = marks == null ? Map.of() : Map.copyOf(marks);
    }

    public Optional<Snapshot> newest() {
        return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.get(snapshots.size() - 1));
    }

    public Optional<Snapshot> snapshot(String name) {
        return snapshots.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Snapshot> byGuid(String guid) {
        return snapshots.stream().filter(s -> s.guid().equals(guid)).findFirst();
    }
}
