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

    private static Migration.Round round(long bytes, long millis) {
        return new Migration.Round("sync", 1, bytes, millis);
    }

    @Test
    void preCopySyncsWhileTheDeltasShrinkThenSwitches() {
        List<Migration.Round> rounds = new java.util.ArrayList<>(List.of(round(100_000_000, 10_000)));
        assertThat(Migration.next(rounds, null, 5)).isEqualTo(Migration.Next.SYNC);
        rounds.add(round(5_000_000, 500));
        assertThat(Migration.next(rounds, null, 5)).isEqualTo(Migration.Next.SYNC);
        rounds.add(round(6_000_000, 600)); // grew: another round would not help
        assertThat(Migration.next(rounds, null, 5)).isEqualTo(Migration.Next.SWITCH);
    }

    @Test
    void syncingStopsAtTheLimitOfRounds() {
        List<Migration.Round> rounds = List.of(round(1000, 100), round(900, 90), round(800, 80));
        assertThat(Migration.next(rounds, null, 2)).isEqualTo(Migration.Next.SWITCH);
    }

    @Test
    void aDowntimeLimitSwitchesAsSoonAsTheEstimateIsWithinIt() {
        // 10 MB/s so far; the last delta of 1 MB is 0.1 s
        List<Migration.Round> rounds = List.of(round(99_000_000, 9_900), round(1_000_000, 100));
        assertThat(Migration.next(rounds, 0.5, 5)).isEqualTo(Migration.Next.SWITCH);
        assertThat(Migration.next(rounds, 0.05, 5)).isEqualTo(Migration.Next.SYNC);
    }

    @Test
    void aDowntimeLimitThatStaysOutOfReachRefusesTheSwitch() {
        List<Migration.Round> rounds = List.of(round(100_000_000, 10_000), round(50_000_000, 5_000),
                round(60_000_000, 6_000));
        assertThat(Migration.next(rounds, 1.0, 5)).isEqualTo(Migration.Next.REFUSE);
    }
}
