package io.svcctl.manager.migrate;

import io.svcctl.zfs.HoldTag;
import io.svcctl.zfs.PropertyName;
import java.util.Optional;
import java.util.OptionalInt;

/** The names a migration leaves on datasets: its snapshots, its hold tag, its marks, the staging area. Pure. */
public final class MigrationNames {
    /** Snapshots named so are svcctl's own; operators' snapshots may not start with it. */
    public static final String RESERVED_PREFIX = "svcctl-";
    static final String SNAPSHOT_PREFIX = "svcctl-mig-";
    /** Where the target receives a service until the switch renames it into {@code services/}. */
    public static final String STAGING = io.svcctl.manager.store.StorageLayout.MIGRATING;
    static final HoldTag HOLD = new HoldTag("svcctl-migrate");
    /** On a staged dataset: the host it comes from. Nothing in {@code services/} carries it. */
    static final PropertyName MIGRATING = PropertyName.user("svcctl", "migrating");
    /** On a source's kept copy after the switch: where the service went. */
    static final PropertyName MIGRATED_TO = PropertyName.user("svcctl", "migrated-to");

    private MigrationNames() {
    }

    static String snapshot(int sequence) {
        return SNAPSHOT_PREFIX + sequence;
    }

    static boolean isMigrationSnapshot(String name) {
        return sequence(name).isPresent();
    }

    static OptionalInt sequence(String name) {
        if (!name.startsWith(SNAPSHOT_PREFIX)) {
            return OptionalInt.empty();
        }
        String rest = name.substring(SNAPSHOT_PREFIX.length());
        return rest.matches("[0-9]{1,9}") ? OptionalInt.of(Integer.parseInt(rest)) : OptionalInt.empty();
    }

    /** Where a source dataset (relative to the root) is staged on the target. */
    static String staged(String sourceDataset) {
        if (sourceDataset.startsWith("services/")) {
            return STAGING + "/" + sourceDataset.substring("services/".length());
        }
        throw new IllegalArgumentException(sourceDataset + " is not below services/");
    }

    /** Why an operator's snapshot name is refused, if it is. */
    public static Optional<String> operatorNameProblem(String name) {
        if (name.startsWith(RESERVED_PREFIX)) {
            return Optional.of("snapshot names starting with '" + RESERVED_PREFIX + "' are svcctl's own (migrations"
                    + " use " + SNAPSHOT_PREFIX + "N): choose another name");
        }
        return Optional.empty();
    }
}
