package io.svcctl.manager.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationEstimateTest {
    @Test
    void theSwitchEstimateIsTheLastDeltaAtTheRateSoFar() {
        List<Migration.Round> rounds = List.of(new Migration.Round("begin", 3, 100_000_000, 9_000),
                new Migration.Round("sync", 1, 10_000_000, 1_000));
        // 110 MB in 10 s: 11 MB/s; the last delta of 10 MB takes about 0.91 s
        assertThat(Migration.estimateSeconds(rounds)).isBetween(0.90, 0.92);
    }

    @Test
    void nothingLeftToSendEstimatesNothing() {
        assertThat(Migration.estimateSeconds(List.of(new Migration.Round("begin", 1, 5_000, 100),
                new Migration.Round("sync", 0, 0, 50)))).isZero();
    }

    @Test
    void migrationSnapshotNamesAreReservedForMigrations() {
        assertThat(MigrationNames.operatorNameProblem("svcctl-mig-3")).isPresent();
        assertThat(MigrationNames.operatorNameProblem("svcctl-anything")).isPresent();
        assertThat(MigrationNames.operatorNameProblem("before-upgrade")).isEmpty();
        assertThat(MigrationNames.sequence("svcctl-mig-12")).hasValue(12);
        assertThat(MigrationNames.sequence("svcctl-mig-x")).isEmpty();
        assertThat(MigrationNames.staged("services/web/volumes/data")).isEqualTo("migrating/web/volumes/data");
    }
}
