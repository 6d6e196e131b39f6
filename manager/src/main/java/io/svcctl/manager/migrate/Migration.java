package io.svcctl.manager.migrate;

import io.svcctl.manager.Host;
import io.svcctl.manager.SvcctlException;
import io.svcctl.manager.service.ServiceManager;
import io.svcctl.zfs.DatasetName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Moves a service to another host with low downtime: {@link #begin} sends everything while the service runs,
 * {@link #sync} sends what changed since, {@link #switchOver} stops it, sends the last small delta and starts it
 * on the target; {@link #run} does all of it, syncing while the deltas shrink. Whatever fails, the service runs
 * on this host with its data and the target holds at most a staged copy that nothing mistakes for a service.
 */
public final class Migration {

    /**
     * @param maxDowntimeSeconds refuse to switch while the estimated downtime stays above it (null: no limit)
     * @param maxSyncs           at most this many sync rounds before the switch
     */
    public record Options(Double maxDowntimeSeconds, boolean deleteSource, int maxSyncs) {
        public static final Options DEFAULTS = new Options(null, false, 5);
    }

    /** One transfer: the zfs payload bytes it carried and how long it took. */
    public record Round(String phase, int steps, long bytes, long millis) {
        double bytesPerSecond() {
            return millis == 0 ? Double.POSITIVE_INFINITY : bytes * 1000.0 / millis;
        }
    }

    /** What {@code --dry-run} shows. */
    public record PlanView(String service, String target, List<SendStep> steps, long estimatedBytes) {
    }

    /** What a migration did; {@code downtimeMillis} is from the stop job to the target reporting active. */
    public record Summary(String service, String target, List<Round> rounds, long bytes, Double estimatedDowntimeSeconds,
                          Long downtimeMillis, boolean replacedKeptCopy, boolean sourceDeleted) {
    }

    private final Host host;
    private final Remote remote;
    private final MigrationListener listener;
    private final Options options;
    private final Sender sender;
    private final MigrationSnapshots snapshots;

    public Migration(Host host, Remote remote, MigrationListener listener, Options options) {
        this.host = host;
        this.remote = remote;
        this.listener = listener;
        this.options = options;
        this.sender = new Sender(host, listener);
        this.snapshots = new MigrationSnapshots(host.zfs());
    }

    private ServiceManager manager() {
        return new ServiceManager(host, host.serviceFiles());
    }

    /** The plan of the next transfer, as if a snapshot were taken now; changes nothing anywhere. */
    public PlanView dryRun(String service) {
        List<DatasetState> sources = new ArrayList<>();
        String next = MigrationNames.snapshot(snapshots.nextSequence(sender.serviceDataset(service)));
        for (DatasetState s : sender.sources(service)) {
            if (s.dataset().startsWith("images/")) {
                sources.add(s);
            } else {
                List<DatasetState.Snapshot> snaps = new ArrayList<>(s.snapshots());
                snaps.add(new DatasetState.Snapshot(next, "not-taken-yet", Long.MAX_VALUE, sender.referencedNow(s.dataset())));
                sources.add(new DatasetState(s.dataset(), s.origin(), s.originGuid(), snaps, null, s.marks()));
            }
        }
        Inventory target = probeChecked(service);
        SendPlanner.Plan plan = SendPlanner.plan(Sender.items(sources, target), target);
        return new PlanView(service, remote.name(), plan.steps(), plan.estimatedBytes());
    }

    private Inventory probeChecked(String service) {
        Inventory target = remote.probe(service);
        if (target.serviceActive()) {
            throw new SvcctlException(SvcctlException.Kind.CONFLICT, "while migrating " + service + " to "
                    + remote.name() + ": a service named " + service + " is running there already");
        }
        target.find("services/" + service).filter(d -> !d.marks().containsKey(MigrationNames.MIGRATED_TO.value()))
                .ifPresent(d -> {
                    throw new SvcctlException(SvcctlException.Kind.CONFLICT, "while migrating " + service + " to "
                            + remote.name() + ": a service named " + service + " exists there; remove it there first");
                });
        return target;
    }

    /** The first transfer, while the service runs: everything the target lacks. */
    public Round begin(String service) {
        return transfer(service, "begin", null, false).round();
    }

    /** Another transfer while the service runs: what changed since the last one. */
    public Round sync(String service) {
        return transfer(service, "sync", null, false).round();
    }

    private record Transfer(Round round, TargetAgent.ActivateReport activated) {
    }

    /**
     * Snapshots, plans against the target ({@code known}: an inventory read just before, saving a round trip
     * during the switch) and streams; with {@code activate} the target starts the service after the last stream.
     */
    private Transfer transfer(String service, String phase, Inventory known, boolean activate) {
        DatasetName top = sender.serviceDataset(service);
        long started = System.nanoTime();
        String snapshot = snapshots.take(top);
        listener.event(phase + ": took " + top + "@" + snapshot + " (recursively, held)");
        long bytes = 0;
        int steps = 0;
        TargetAgent.ActivateReport activated = null;
        Inventory target = known;
        try {
            while (true) {
                if (target == null) {
                    target = probeChecked(service);
                }
                if (phase.equals("sync") && target.find(MigrationNames.staged("services/" + service)).isEmpty()) {
                    throw new SvcctlException(SvcctlException.Kind.NOT_FOUND, "while syncing " + service + " to "
                            + remote.name() + ": nothing is staged there yet (run the begin phase first)");
                }
                List<DatasetState> sources = sender.sources(service);
                SendPlanner.Plan plan = SendPlanner.plan(Sender.items(sources, target), target);
                if (plan.steps().isEmpty()) {
                    break;
                }
                MigrationStream.Header header = sender.header(service, true, plan.steps(), sources);
                TargetAgent.ReceiveReport report = remote.receive(out -> sender.write(out, header),
                        activate && !plan.replanAfter());
                bytes += report.bytes();
                steps += report.steps();
                activated = report.activated();
                if (!plan.replanAfter()) {
                    break;
                }
                target = null;
            }
        } catch (Remote.Failure e) {
            throw new Remote.Failure(e.getMessage() + resumeNote(service), e.transport(), e);
        }
        snapshots.dropOlder(top, snapshot);
        Round round = new Round(phase, steps, bytes, (System.nanoTime() - started) / 1_000_000);
        listener.event(String.format(Locale.ROOT, "%s: %d stream(s), %d bytes in %.1f s", phase, steps, bytes,
                round.millis() / 1000.0));
        return new Transfer(round, activated);
    }

    private String resumeNote(String service) {
        boolean resumable = host.zfs().capabilities().has(io.svcctl.zfs.ZfsFeature.RESUMABLE_RECEIVE);
        return "\n" + service + " still runs on this host with all its data; the target holds only a staged copy."
                + (resumable ? " Re-run the migration to resume the interrupted stream from the target's resume token."
                : " This zfs (zfs-fuse) has no resumable receive: re-running sends the interrupted stream again"
                + " from its start, incrementally from the last snapshot both hosts have.")
                + " Or undo the target side with '--phase abort'.";
    }

    /**
     * Stops the service, sends the last delta, starts it on the target. The downtime runs from the stop job to
     * the target's report that it is active. On any failure the service is started here again.
     */
    public Summary switchOver(String service, List<Round> before) {
        ServiceManager manager = manager();
        DatasetName top = sender.serviceDataset(service);
        boolean wasActive = manager.status(service).state().equals("active");
        List<Round> rounds = new ArrayList<>(before);
        Inventory target = probeChecked(service); // staged copies do not change while this host stops the service
        long t0 = System.nanoTime();
        TargetAgent.ActivateReport activated;
        try {
            if (wasActive) {
                listener.event("switch: stopping " + service);
                manager.stop(service);
            }
            activated = switchTransfer(service, target, rounds);
        } catch (RuntimeException e) {
            String back = "";
            if (wasActive) {
                try {
                    manager.start(service);
                    back = "; " + service + " runs again on this host with all its data";
                } catch (RuntimeException restart) {
                    e.addSuppressed(restart);
                    back = "; starting " + service + " again on this host failed too: " + restart.getMessage();
                }
            }
            throw new SvcctlException(SvcctlException.Kind.FAILED, "while switching " + service + " to "
                    + remote.name() + ": " + e.getMessage() + back + ". The target keeps only a staged copy"
                    + " (re-run to retry, or undo it with '--phase abort').", e);
        }
        long downtime = (System.nanoTime() - t0) / 1_000_000;
        listener.event("switch: " + service + " is active on " + remote.name() + " after " + downtime + " ms of downtime");
        manager.disable(service);
        host.zfs().set(top, MigrationNames.MIGRATED_TO, remote.name());
        snapshots.dropOlder(top, null);
        if (options.deleteSource()) {
            try {
                manager.remove(service, true);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        long bytes = rounds.stream().mapToLong(Round::bytes).sum();
        return new Summary(service, remote.name(), rounds, bytes, null, downtime, activated.replacedKeptCopy(),
                options.deleteSource());
    }

    /**
     * The last delta and the start on the target. If the connection broke, the target may have started it
     * anyway: ask before undoing, so the service never runs on both hosts.
     */
    private TargetAgent.ActivateReport switchTransfer(String service, Inventory target, List<Round> rounds) {
        try {
            Transfer t = transfer(service, "switch", target, true);
            rounds.add(t.round());
            if (t.activated() != null) {
                return t.activated();
            }
            listener.event("switch: starting " + service + " on " + remote.name());
            return remote.activate(service);
        } catch (Remote.Failure e) {
            if (e.transport()) {
                Inventory after = remote.probe(service);
                if (after.serviceActive() && after.find(MigrationNames.staged("services/" + service)).isEmpty()) {
                    return new TargetAgent.ActivateReport(service, "active", false);
                }
            }
            throw e;
        }
    }

    /** Undoes the target side and this migration's snapshots here; the service here is not touched. */
    public List<String> abort(String service) {
        List<String> removed = new ArrayList<>(remote.abort(service));
        DatasetName top = sender.serviceDataset(service);
        snapshots.dropOlder(top, null);
        removed.add("migration snapshots of " + top);
        return removed;
    }

    /** Estimated downtime: the last delta at the rate the transfers reached, as a lower bound. */
    static double estimateSeconds(List<Round> rounds) {
        long bytes = rounds.stream().mapToLong(Round::bytes).sum();
        long millis = rounds.stream().mapToLong(Round::millis).sum();
        double rate = millis == 0 ? Double.POSITIVE_INFINITY : bytes * 1000.0 / millis;
        long last = rounds.get(rounds.size() - 1).bytes();
        return rate == 0 || Double.isInfinite(rate) ? 0 : last / rate;
    }

    /** What the pre-copy does after the rounds so far. */
    enum Next { SYNC, SWITCH, REFUSE }

    /**
     * Pure: sync while the deltas shrink (at most {@code maxSyncs} times), switch once the estimate is within
     * {@code maxDowntime} or syncing stops paying; refuse when it stays above {@code maxDowntime}.
     */
    static Next next(List<Round> rounds, Double maxDowntime, int maxSyncs) {
        double estimate = estimateSeconds(rounds);
        if (maxDowntime != null && estimate <= maxDowntime) {
            return Next.SWITCH;
        }
        int syncs = rounds.size() - 1;
        boolean shrinking = syncs == 0 || rounds.get(syncs).bytes() < rounds.get(syncs - 1).bytes();
        if (shrinking && syncs < maxSyncs) {
            return Next.SYNC;
        }
        return maxDowntime != null ? Next.REFUSE : Next.SWITCH;
    }

    /** Pre-copy: begin, then sync or switch as {@link #next} decides. */
    public Summary run(String service) {
        List<Round> rounds = new ArrayList<>();
        rounds.add(begin(service));
        Next next;
        while ((next = next(rounds, options.maxDowntimeSeconds(), options.maxSyncs())) == Next.SYNC) {
            rounds.add(sync(service));
        }
        double estimate = estimateSeconds(rounds);
        listener.event(String.format(Locale.ROOT, "estimated transfer during the switch: %.2f s (%d bytes)",
                estimate, rounds.get(rounds.size() - 1).bytes()));
        if (next == Next.REFUSE) {
            throw new SvcctlException(SvcctlException.Kind.FAILED, String.format(Locale.ROOT,
                    "while migrating %s: the estimated downtime %.1f s stays above --max-downtime %.1f s after %d"
                            + " syncs; %s keeps running here and the target keeps a staged copy: run again when it"
                            + " writes less, raise --max-downtime, or undo with '--phase abort'",
                    service, estimate, options.maxDowntimeSeconds(), rounds.size() - 1, service));
        }
        Summary s = switchOver(service, rounds);
        return new Summary(s.service(), s.target(), s.rounds(), s.bytes(), estimate, s.downtimeMillis(),
                s.replacedKeptCopy(), s.sourceDeleted());
    }
}
