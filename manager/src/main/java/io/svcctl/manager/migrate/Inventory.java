package io.svcctl.manager.migrate;

import java.util.List;
import java.util.Optional;

/**
 * What one host holds that matters to a migration: datasets with their snapshots by guid, whether its zfs
 * keeps interrupted receives (OpenZFS {@code receive -s}), and whether the service runs there.
 */
public record Inventory(List<DatasetState> datasets, boolean resumable, boolean serviceActive) {

    public Inventory {
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
    }

    public Optional<DatasetState> find(String dataset) {
        return datasets.stream().filter(d -> d.dataset().equals(dataset)).findFirst();
    }

    /** True when any dataset here has a snapshot with this guid. */
    public boolean hasGuid(String guid) {
        return datasets.stream().anyMatch(d -> d.byGuid(guid).isPresent());
    }
}
