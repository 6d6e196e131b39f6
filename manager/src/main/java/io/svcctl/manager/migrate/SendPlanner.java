package io.svcctl.manager.migrate;

import io.svcctl.manager.SvcctlException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which zfs streams bring a target up to the source, from both sides' snapshots matched by guid.
 * Pure: effects read the inventories and run the steps.
 *
 * <p>The rules, per dataset in order (origins before their clones):
 * <ul>
 * <li>the target has it: send {@code -I} from the newest snapshot both share, never anything the target lacks a
 *     base for; an image the target holds whole (its newest snapshot's name is there) is left alone</li>
 * <li>the target lacks it and it is a clone whose origin the target has (or receives earlier in this plan): send
 *     {@code -I origin} (clone-aware), so a service travels as its difference to its image</li>
 * <li>otherwise: the first snapshot in full, then {@code -I} to the newest</li>
 * </ul>
 * The target's own data is never rolled back: a final dataset ({@code staged == false}) that went its own way
 * since the common snapshot is a conflict, and only staged copies (earlier attempts of this migration) get
 * their newer snapshots discarded.
 */
public final class SendPlanner {

    private SendPlanner() {
    }

    /** A source dataset and where it goes on the target; staged targets hold only this migration's data. */
    public record Item(DatasetState source, String target, boolean staged) {
    }

    /**
     * @param replanAfter true when the plan ends with a RESUME step: what follows depends on what it completes
     */
    public record Plan(List<SendStep> steps, boolean replanAfter) {
        public Plan {
            steps = List.copyOf(steps);
        }

        public long estimatedBytes() {
            return steps.stream().mapToLong(SendStep::estimatedBytes).sum();
        }
    }

    public static Plan plan(List<Item> items, Inventory target) {
        Set<String> present = new HashSet<>();
        target.datasets().forEach(d -> d.snapshots().forEach(s -> present.add(s.guid())));
        List<SendStep> steps = new ArrayList<>();
        for (Item item : items) {
            DatasetState src = item.source();
            DatasetState.Snapshot last = src.newest().orElseThrow(() -> new IllegalArgumentException(
                    "while planning the transfer of " + src.dataset() + ": it has no snapshot to send"));
            Optional<DatasetState> there = target.find(item.target());
            if (there.isPresent() && there.get().resumeToken() != null) {
                steps.add(new SendStep(src.dataset(), item.target(), last.name(), SendStep.Kind.RESUME, null,
                        there.get().resumeToken(), List.of(), 0));
                return new Plan(steps, true);
            }
            if (there.isPresent()) {
                planExisting(item, there.get(), last, steps, present);
            } else {
                planMissing(items, item, last, steps, present);
            }
        }
        return new Plan(steps, false);
    }

    private static void planExisting(Item item, DatasetState there, DatasetState.Snapshot last, List<SendStep> steps,
                                     Set<String> present) {
        DatasetState src = item.source();
        if (!item.staged() && there.snapshot(last.name()).isPresent()) {
            return; // an image is immutable: the same name whole on the target is the same content
        }
        DatasetState.Snapshot common = null;
        for (DatasetState.Snapshot s : src.snapshots()) {
            if (there.byGuid(s.guid()).isPresent()) {
                common = s;
            }
        }
        if (common == null) {
            throw new SvcctlException(SvcctlException.Kind.CONFLICT, "while planning the transfer of "
                    + src.dataset() + ": the target's " + item.target() + " shares no snapshot with it, so nothing"
                    + " can be sent without destroying what the target has; "
                    + (item.staged() ? "undo the earlier attempt with '--phase abort' and migrate again"
                    : "remove it on the target first if it is not needed"));
        }
        long commonTxgThere = there.byGuid(common.guid()).orElseThrow().createTxg();
        List<String> newerThere = there.snapshots().stream().filter(s -> s.createTxg() > commonTxgThere)
                .map(DatasetState.Snapshot::name).toList();
        if (!newerThere.isEmpty() && !item.staged()) {
            throw new SvcctlException(SvcctlException.Kind.CONFLICT, "while planning the transfer of "
                    + src.dataset() + ": the target's " + item.target() + " has snapshots newer than the last one"
                    + " both share (" + String.join(", ", newerThere) + "); svcctl never rolls back data the target"
                    + " has: remove them there first if they are not needed");
        }
        if (common.equals(last)) {
            return;
        }
        steps.add(new SendStep(src.dataset(), item.target(), last.name(), SendStep.Kind.INCREMENTAL,
                src.dataset() + "@" + common.name(), null, newerThere,
                Math.max(0, last.referenced() - common.referenced())));
        boolean after = false;
        for (DatasetState.Snapshot s : src.snapshots()) {
            if (after) {
                present.add(s.guid());
            }
            after |= s.equals(common);
        }
    }

    private static void planMissing(List<Item> items, Item item, DatasetState.Snapshot last, List<SendStep> steps,
                                    Set<String> present) {
        DatasetState src = item.source();
        if (src.origin() != null && present.contains(src.originGuid())) {
            long originBytes = originReferenced(items, src).orElse(0L);
            steps.add(new SendStep(src.dataset(), item.target(), last.name(), SendStep.Kind.INCREMENTAL,
                    src.origin(), null, List.of(), Math.max(0, last.referenced() - originBytes)));
        } else {
            DatasetState.Snapshot first = src.snapshots().get(0);
            steps.add(new SendStep(src.dataset(), item.target(), first.name(), SendStep.Kind.FULL, null, null,
                    List.of(), first.referenced()));
            if (!first.equals(last)) {
                steps.add(new SendStep(src.dataset(), item.target(), last.name(), SendStep.Kind.INCREMENTAL,
                        src.dataset() + "@" + first.name(), null, List.of(),
                        Math.max(0, last.referenced() - first.referenced())));
            }
        }
        src.snapshots().forEach(s -> present.add(s.guid()));
    }

    private static Optional<Long> originReferenced(List<Item> items, DatasetState clone) {
        return items.stream().map(Item::source).flatMap(d -> d.byGuid(clone.originGuid()).stream())
                .map(DatasetState.Snapshot::referenced).findFirst();
    }
}
