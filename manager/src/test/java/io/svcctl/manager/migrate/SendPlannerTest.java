package io.svcctl.manager.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svcctl.manager.SvcctlException;
import io.svcctl.manager.migrate.SendPlanner.Item;
import io.svcctl.manager.migrate.SendStep.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendPlannerTest {
    private static DatasetState.Snapshot snap(String name, String guid, long txg, long referenced) {
        return new DatasetState.Snapshot(name, guid, txg, referenced);
    }

    private static DatasetState ds(String name, String origin, String originGuid, DatasetState.Snapshot... snaps) {
        return new DatasetState(name, origin, originGuid, List.of(snaps), null, Map.of());
    }

    // base image A (l1, ready), image B cloned from A@l1 (l2, ready), service web cloned from B@ready, a volume
    private static final DatasetState A = ds("images/a", null, null, snap("l1", "1", 10, 100), snap("ready", "2", 11, 100));
    private static final DatasetState B = ds("images/b", "images/a@l1", "1", snap("l2", "3", 20, 150), snap("ready", "4", 21, 150));
    private static final DatasetState WEB = ds("services/web", "images/b@ready", "4",
            snap("svcctl-mig-1", "5", 30, 160));
    private static final DatasetState VOL = ds("services/web/volumes/data", null, null,
            snap("svcctl-mig-1", "6", 30, 1000));

    private static List<Item> items(DatasetState... sources) {
        List<Item> items = new ArrayList<>();
        for (DatasetState s : sources) {
            boolean image = s.dataset().startsWith("images/");
            items.add(new Item(s, image ? s.dataset() : s.dataset().replace("services/", "migrating/"), !image));
        }
        return items;
    }

    @Test
    void anEmptyTargetGetsBaseFullThenEveryCloneAsItsDifference() {
        SendPlanner.Plan plan = SendPlanner.plan(items(A, B, WEB, VOL), new Inventory(List.of(), false, false));
        assertThat(plan.steps()).extracting(SendStep::describe).containsExactly(
                "images/a@l1 (full)",
                "images/a@ready (incremental from images/a@l1)",
                "images/b@ready (incremental from images/a@l1)",
                "services/web@svcctl-mig-1 (incremental from images/b@ready)",
                "services/web/volumes/data@svcctl-mig-1 (full)");
        assertThat(plan.steps().get(3).target()).isEqualTo("migrating/web");
        assertThat(plan.estimatedBytes()).isEqualTo(100 + 0 + 50 + 10 + 1000);
        assertThat(plan.replanAfter()).isFalse();
    }

    @Test
    void aTargetWithTheBaseImageGetsOnlyTheMissingLayers() {
        Inventory target = new Inventory(List.of(A), false, false);
        assertThat(SendPlanner.plan(items(A, B, WEB), target).steps()).extracting(SendStep::describe).containsExactly(
                "images/b@ready (incremental from images/a@l1)",
                "services/web@svcctl-mig-1 (incremental from images/b@ready)");
    }

    @Test
    void aPartlyReceivedImageContinuesFromTheNewestSharedSnapshot() {
        DatasetState partial = ds("images/a", null, null, snap("l1", "1", 7, 100));
        assertThat(SendPlanner.plan(items(A), new Inventory(List.of(partial), false, false)).steps())
                .extracting(SendStep::describe).containsExactly("images/a@ready (incremental from images/a@l1)");
    }

    @Test
    void anImageWithTheSameIdButOtherGuidsIsKeptAndItsClonesTravelWhole() {
        DatasetState importedThere = ds("images/b", null, null, snap("l2", "90", 5, 150), snap("ready", "91", 6, 150));
        SendPlanner.Plan plan = SendPlanner.plan(items(B, WEB), new Inventory(List.of(importedThere), false, false));
        assertThat(plan.steps()).extracting(SendStep::describe).containsExactly("services/web@svcctl-mig-1 (full)");
    }

    @Test
    void aSyncSendsOnlyTheDeltaSinceTheLastSharedMigrationSnapshot() {
        DatasetState web2 = ds("services/web", "images/b@ready", "4", snap("svcctl-mig-1", "5", 30, 160),
                snap("svcctl-mig-2", "7", 40, 170));
        DatasetState staged = ds("migrating/web", "images/b@ready", "4", snap("svcctl-mig-1", "5", 3, 160));
        SendPlanner.Plan plan = SendPlanner.plan(items(web2), new Inventory(List.of(staged), false, false));
        assertThat(plan.steps()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Kind.INCREMENTAL);
            assertThat(s.from()).isEqualTo("services/web@svcctl-mig-1");
            assertThat(s.snapshot()).isEqualTo("svcctl-mig-2");
            assertThat(s.estimatedBytes()).isEqualTo(10);
            assertThat(s.discard()).isEmpty();
        });
    }

    @Test
    void nothingIsSentWhenTheTargetIsUpToDate() {
        DatasetState staged = ds("migrating/web", "images/b@ready", "4", snap("svcctl-mig-1", "5", 3, 160));
        assertThat(SendPlanner.plan(items(WEB), new Inventory(List.of(staged), false, false)).steps()).isEmpty();
    }

    @Test
    void aStagedCopyAheadOfTheSourceLosesOnlyItsNewerSnapshots() {
        DatasetState web2 = ds("services/web", null, null, snap("svcctl-mig-1", "5", 30, 1), snap("svcctl-mig-3", "8", 50, 1));
        DatasetState staged = ds("migrating/web", null, null, snap("svcctl-mig-1", "5", 3, 1), snap("svcctl-mig-2", "7", 4, 1));
        SendStep step = SendPlanner.plan(items(web2), new Inventory(List.of(staged), false, false)).steps().get(0);
        assertThat(step.discard()).containsExactly("svcctl-mig-2");
        assertThat(step.from()).isEqualTo("services/web@svcctl-mig-1");
    }

    @Test
    void aFinalDatasetThatWentItsOwnWayIsNeverRolledBack() {
        DatasetState a = ds("images/a", null, null, snap("l1", "1", 10, 100), snap("l2", "2", 11, 100),
                snap("ready", "3", 12, 100));
        DatasetState there = ds("images/a", null, null, snap("l1", "1", 1, 100), snap("other", "50", 2, 100));
        assertThatThrownBy(() -> SendPlanner.plan(items(a), new Inventory(List.of(there), false, false)))
                .isInstanceOf(SvcctlException.class).hasMessageContaining("newer than the last one both share (other)")
                .hasMessageContaining("never rolls back");
    }

    @Test
    void aTargetDatasetSharingNothingIsAConflict() {
        DatasetState there = ds("migrating/web", null, null, snap("svcctl-mig-9", "77", 1, 1));
        assertThatThrownBy(() -> SendPlanner.plan(items(WEB), new Inventory(List.of(there), false, false)))
                .isInstanceOf(SvcctlException.class).hasMessageContaining("shares no snapshot")
                .hasMessageContaining("--phase abort");
    }

    @Test
    void anInterruptedResumableReceiveIsResumedFirstAndThePlanRedoneAfter() {
        DatasetState partial = new DatasetState("migrating/web/volumes/data", null, null, List.of(),
                "1-abc-def", Map.of());
        SendPlanner.Plan plan = SendPlanner.plan(items(A, VOL), new Inventory(List.of(A, partial), true, false));
        assertThat(plan.steps()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Kind.RESUME);
            assertThat(s.resumeToken()).isEqualTo("1-abc-def");
        });
        assertThat(plan.replanAfter()).isTrue();
    }
}
