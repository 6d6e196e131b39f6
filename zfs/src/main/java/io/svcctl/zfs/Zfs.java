package io.svcctl.zfs;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandFailedException;
import io.svcctl.exec.CommandResult;
import io.svcctl.exec.CommandRunner;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A typed client over the zfs and zpool commands, for OpenZFS and for zfs-fuse. Every command goes
 * through the given {@link CommandRunner} (locally, inside a test host, over ssh); every name is a
 * validated type; every failure is a {@link ZfsException} that says what was being done and what zfs said.
 * Commands that only some userlands have are guarded by {@link #capabilities()}, probed on first need.
 */
public final class Zfs {

    /** Metadata commands are quick, but a synchronous destroy of a big dataset on zfs-fuse is not. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** How long a busy rename on zfs-fuse, with nothing mounted, waits for an asynchronous unmount: 40 x 50 ms. */
    private static final int UNMOUNT_SETTLE_ATTEMPTS = 40;
    private static final Duration UNMOUNT_SETTLE_PAUSE = Duration.ofMillis(50);
    private static final List<PropertyName> SNAPSHOT_FIELDS = List.of(
            PropertyName.TYPE, PropertyName.GUID, PropertyName.CREATETXG, PropertyName.CREATION);

    private final CommandRunner runner;
    private final Duration timeout;
    private ZfsCapabilities capabilities;

    public Zfs(CommandRunner runner) {
        this(runner, DEFAULT_TIMEOUT);
    }

    public Zfs(CommandRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    /** A client for a host whose capabilities are already known (no probe). */
    public Zfs(CommandRunner runner, Duration timeout, ZfsCapabilities capabilities) {
        this(runner, timeout);
        this.capabilities = capabilities;
    }

    /** What this host's zfs can do; probed once, on first use. */
    public synchronized ZfsCapabilities capabilities() {
        if (capabilities == null) {
            capabilities = ZfsCapabilities.probe(runner);
        }
        return capabilities;
    }

    // ---- datasets

    public void create(DatasetName dataset, Map<PropertyName, String> properties) {
        run(ZfsCommands.create(dataset, properties, false), "creating dataset " + dataset);
    }

    /** Creates the dataset and any missing parents ({@code zfs create -p}); the properties apply to the dataset only. */
    public void createWithParents(DatasetName dataset, Map<PropertyName, String> properties) {
        run(ZfsCommands.create(dataset, properties, true), "creating dataset " + dataset + " and its parents");
    }

    public void clone(SnapshotName origin, DatasetName target, Map<PropertyName, String> properties) {
        run(ZfsCommands.clone(origin, target, properties), "cloning " + origin + " as " + target);
    }

    public void snapshot(SnapshotName snapshot) {
        run(ZfsCommands.snapshot(snapshot, false), "taking snapshot " + snapshot);
    }

    /** {@code zfs snapshot -r}: the same snapshot name on the dataset and all its descendants, atomically. */
    public void snapshot(SnapshotName snapshot, boolean recursive) {
        run(ZfsCommands.snapshot(snapshot, recursive),
                "taking snapshot " + snapshot + (recursive ? " recursively" : ""));
    }

    /**
     * Destroys a dataset or snapshot. With {@link DestroyMode#REFUSE_IF_DEPENDENTS} zfs itself refuses when
     * anything depends on it, and the {@link ZfsException} (kind HAS_DEPENDENTS) names the dependents
     * and the mode that would take them along.
     */
    public void destroy(ZfsName name, DestroyMode mode) {
        String how = mode == DestroyMode.REFUSE_IF_DEPENDENTS ? ""
                : mode == DestroyMode.RECURSIVE ? " with its children and snapshots"
                : " with its children, snapshots and their clones";
        String doing = "destroying " + name + how;
        String lastBusy = null;
        while (true) {
            try {
                run(ZfsCommands.destroy(name, mode), doing);
                return;
            } catch (ZfsException e) {
                // zfs-fuse's destroy unmounts through FUSE, which completes only after destroy has found the
                // filesystem busy. Unmount it with zfs unmount (which waits) and go on while each attempt
                // gets further; the same name twice means it really is busy.
                Optional<DatasetName> busy = ZfsErrors.busyFilesystem(e);
                if (busy.isEmpty() || busy.get().value().equals(lastBusy)
                        || capabilities().userland() != ZfsCapabilities.Userland.ZFS_FUSE) {
                    throw e;
                }
                lastBusy = busy.get().value();
                if (isMounted(busy.get())) {
                    run(ZfsCommands.unmount(busy.get()), doing + " (unmounting " + busy.get() + " first)");
                }
            }
        }
    }

    /**
     * Rolls the snapshot's dataset back to it, discarding changes made since. zfs refuses when newer
     * snapshots exist (kind HAS_DEPENDENTS, naming them): this never destroys snapshots.
     */
    public void rollback(SnapshotName snapshot) {
        String doing = "rolling " + snapshot.dataset() + " back to " + snapshot;
        try {
            run(ZfsCommands.rollback(snapshot), doing);
        } catch (ZfsException e) {
            // zfs-fuse rolled back, then could not drop the kernel's page cache (/proc/sys is read-only in a
            // container); remounting drops this filesystem's cached pages, which is what it was after
            if (capabilities().userland() != ZfsCapabilities.Userland.ZFS_FUSE || !ZfsErrors.onlyCacheDropFailed(e)) {
                throw e;
            }
            DatasetName dataset = snapshot.dataset();
            if (isMounted(dataset)) {
                run(ZfsCommands.unmount(dataset), doing + " (remounting it to drop cached pages)");
                run(ZfsCommands.mount(dataset), doing + " (remounting it to drop cached pages)");
            }
        }
    }

    public void rename(DatasetName from, DatasetName to) {
        String doing = "renaming " + from + " to " + to;
        try {
            run(ZfsCommands.rename(from, to), doing);
        } catch (ZfsException e) {
            if (e.kind() != ZfsException.Kind.BUSY || capabilities().userland() != ZfsCapabilities.Userland.ZFS_FUSE) {
                throw e;
            }
            renameUnmounted(from, to, doing, e);
        }
    }

    /**
     * zfs-fuse cannot remount what a rename touches (the dataset, its descendants, clones of their
     * snapshots) and reports it busy: unmount those, rename, and mount them again under their new names.
     */
    private void renameUnmounted(DatasetName from, DatasetName to, String doing, ZfsException busy) {
        List<DatasetName> mounted = mountedDependents(from, doing);
        // Nothing mounted yet busy: an unmount just before (svcctl's own, or a killed writer's files being
        // released) completes asynchronously through FUSE. Give it a moment, as destroy does.
        for (int attempt = 0; mounted.isEmpty(); attempt++) {
            if (attempt == UNMOUNT_SETTLE_ATTEMPTS) {
                throw busy;
            }
            pause(UNMOUNT_SETTLE_PAUSE);
            try {
                run(ZfsCommands.rename(from, to), doing);
                return;
            } catch (ZfsException e) {
                if (e.kind() != ZfsException.Kind.BUSY) {
                    throw e;
                }
                busy = e;
            }
            mounted = mountedDependents(from, doing);
        }
        for (DatasetName dataset : mounted) {
            run(ZfsCommands.unmount(dataset), doing + " (unmounting " + dataset + " first)");
        }
        run(ZfsCommands.rename(from, to), doing);
        for (int i = mounted.size() - 1; i >= 0; i--) {
            DatasetName old = mounted.get(i);
            DatasetName now = old.equals(from) ? to
                    : old.isDescendantOf(from) ? DatasetName.parse(to + "/" + old.relativeTo(from)) : old;
            run(ZfsCommands.mount(now), doing + " (mounting " + now + " again)");
        }
    }

    private List<DatasetName> mountedDependents(DatasetName from, String doing) {
        CommandResult pool = run(ZfsCommands.getRecursive(from.pool().rootDataset(),
                List.of(PropertyName.ORIGIN, PropertyName.MOUNTED)), doing);
        return ZfsOutput.mountedDependents(from, ZfsOutput.parseGet(pool.stdoutText()));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for zfs-fuse to finish an unmount", e);
        }
    }

    /** Renames a snapshot; a snapshot stays on its dataset. */
    public void rename(SnapshotName from, SnapshotName to) {
        if (!from.dataset().equals(to.dataset())) {
            throw new IllegalArgumentException("a snapshot cannot move to another dataset: " + from + " -> " + to);
        }
        run(ZfsCommands.rename(from, to), "renaming " + from + " to " + to);
    }

    /** Makes a clone independent of its origin, which then becomes the clone's dependent. */
    public void promote(DatasetName clone) {
        run(ZfsCommands.promote(clone), "promoting clone " + clone);
    }

    public void mount(DatasetName dataset) {
        run(ZfsCommands.mount(dataset), "mounting " + dataset);
    }

    public void unmount(DatasetName dataset) {
        run(ZfsCommands.unmount(dataset), "unmounting " + dataset);
    }

    // ---- properties

    /** Reads properties with exact numbers ({@code zfs get -H -p}). */
    public ZfsProperties get(ZfsName name, PropertyName... properties) {
        CommandResult result = run(ZfsCommands.get(List.of(name), List.of(properties)),
                "reading properties of " + name);
        return ZfsOutput.single(name.value(), ZfsOutput.parseGet(result.stdoutText()));
    }

    public void set(ZfsName name, PropertyName property, String value) {
        run(ZfsCommands.set(name, property, value), "setting " + property + " on " + name);
    }

    /** Clears a local value so the property is inherited (or back to its default). */
    public void inherit(ZfsName name, PropertyName property) {
        run(ZfsCommands.inherit(name, property), "clearing " + property + " on " + name);
    }

    /** The user properties ({@code module:property}) set on {@code name} itself or received, not inherited ones. */
    public Map<PropertyName, String> userProperties(ZfsName name) {
        CommandResult result = run(ZfsCommands.getLocal(name), "reading user properties of " + name);
        Map<PropertyName, String> values = new LinkedHashMap<>();
        for (ZfsProperty p : ZfsOutput.parseGet(result.stdoutText(), property -> property.indexOf(':') >= 0)) {
            values.put(p.name(), p.value());
        }
        return values;
    }

    private boolean isMounted(DatasetName dataset) {
        return get(dataset, PropertyName.MOUNTED).value(PropertyName.MOUNTED).orElse("").equals("yes");
    }

    public boolean exists(ZfsName name) {
        try {
            get(name, PropertyName.TYPE);
            return true;
        } catch (ZfsException e) {
            if (e.kind() == ZfsException.Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    // ---- listing

    /** Filesystems and volumes below {@code parent}, down to {@code depth} levels (1 = children). */
    public List<DatasetName> listChildren(DatasetName parent, int depth) {
        CommandResult result = run(ZfsCommands.listDatasets(parent, depth), "listing datasets below " + parent);
        return ZfsOutput.datasetsBelow(parent, result.stdoutText());
    }

    /** Properties of the filesystems and volumes one level below {@code parent}: one command whatever their number. */
    public Map<DatasetName, ZfsProperties> childrenProperties(DatasetName parent, PropertyName... properties) {
        CommandResult result = run(ZfsCommands.getToDepth(List.of(parent), 1, List.of(properties)),
                "reading properties of the datasets below " + parent);
        return ZfsOutput.children(List.of(parent), ZfsOutput.parseGet(result.stdoutText()));
    }

    /** The snapshots of {@code dataset} (not of its children) in creation order, with guid and createtxg. */
    public List<SnapshotInfo> snapshots(DatasetName dataset) {
        CommandResult result = run(ZfsCommands.getToDepth(List.of(dataset), 1, SNAPSHOT_FIELDS),
                "listing snapshots of " + dataset);
        return ZfsOutput.snapshotsOf(dataset, ZfsOutput.parseGet(result.stdoutText()));
    }

    /**
     * The datasets one level below each of {@code parents}, each with its snapshots (oldest first): one command
     * whatever their number. A parent that does not exist fails it.
     */
    public Map<DatasetName, List<SnapshotInfo>> childrenWithSnapshots(List<DatasetName> parents) {
        CommandResult result = run(ZfsCommands.getToDepth(parents, 2, SNAPSHOT_FIELDS),
                "listing the datasets in " + parents.stream().map(DatasetName::toString)
                        .collect(Collectors.joining(", ")) + " and their snapshots");
        return ZfsOutput.childrenWithSnapshots(parents, ZfsOutput.parseGet(result.stdoutText()));
    }

    // ---- holds

    public void hold(SnapshotName snapshot, HoldTag tag) {
        run(ZfsCommands.hold(snapshot, tag), "placing hold " + tag + " on " + snapshot);
    }

    public void release(SnapshotName snapshot, HoldTag tag) {
        run(ZfsCommands.release(snapshot, tag), "releasing hold " + tag + " on " + snapshot);
    }

    /** The tags holding {@code snapshot}; needs {@link ZfsFeature#HOLDS_LISTING} (use {@link #holdCount} elsewhere). */
    public Set<HoldTag> holds(SnapshotName snapshot) {
        capabilities().require(ZfsFeature.HOLDS_LISTING);
        CommandResult result = run(ZfsCommands.holds(snapshot), "listing holds on " + snapshot);
        return ZfsOutput.parseHolds(result.stdoutText());
    }

    /** How many holds keep {@code snapshot} from being destroyed (the {@code userrefs} property, on every userland). */
    public long holdCount(SnapshotName snapshot) {
        return get(snapshot, PropertyName.USERREFS).get(PropertyName.USERREFS).longValue();
    }

    // ---- send and receive

    /** Starts {@code zfs send}; the caller reads the stream and then calls {@link SendStream#waitFor()}. */
    public SendStream send(SendRequest request) {
        String doing = "sending " + request.snapshot()
                + request.from().map(f -> " incrementally from " + f).orElse("");
        return start(ZfsCommands.send(request), doing);
    }

    /** Continues an interrupted resumable send from the target's resume token (OpenZFS). */
    public SendStream resumeSend(ResumeToken token) {
        capabilities().require(ZfsFeature.RESUMABLE_RECEIVE);
        return start(ZfsCommands.sendResume(token), "resuming a send");
    }

    /**
     * Runs {@code zfs receive} fed from {@code stream} until its end; returns when the receive is complete.
     * A failure reading {@code stream} stops the receive, so a truncated stream is never taken as whole.
     */
    public void receive(DatasetName target, InputStream stream, ReceiveOptions options) {
        if (options.resumable()) {
            capabilities().require(ZfsFeature.RESUMABLE_RECEIVE);
        }
        Command command = zfsCommand(ZfsCommands.receive(target, options)).withStdin(stream);
        try {
            runner.run(command);
        } catch (CommandFailedException e) {
            throw ZfsErrors.classify("receiving into " + target, e);
        }
    }

    /**
     * Streams a send on {@code source} into a receive on {@code target}: the same host, or another one
     * through an ssh runner. When the receive fails because the send broke off, the send's failure is
     * the one thrown (the receive's is attached as suppressed), so the error names the real cause.
     */
    public static void replicate(Zfs source, SendRequest request, Zfs target, DatasetName into,
                                 ReceiveOptions options) {
        try (SendStream send = source.send(request)) {
            try {
                target.receive(into, send.stream(), options);
            } catch (ZfsException receiveFailure) {
                send.close(); // a send still running only failed because nobody reads it any more
                try {
                    send.waitFor();
                } catch (ZfsException sendFailure) {
                    if (!ZfsErrors.diedOfItsReader(sendFailure)) {
                        sendFailure.addSuppressed(receiveFailure);
                        throw sendFailure;
                    }
                    receiveFailure.addSuppressed(sendFailure);
                }
                throw receiveFailure;
            }
            send.waitFor();
        }
    }

    /** The resume token a partial resumable receive left on {@code target}, if any (OpenZFS). */
    public Optional<ResumeToken> receiveResumeToken(DatasetName target) {
        capabilities().require(ZfsFeature.RESUMABLE_RECEIVE);
        return get(target, PropertyName.RECEIVE_RESUME_TOKEN).value(PropertyName.RECEIVE_RESUME_TOKEN)
                .map(ResumeToken::new);
    }

    // ---- pools

    public List<PoolStatus> pools() {
        return ZfsOutput.parsePools(run(ZfsCommands.listPools(), "listing pools").stdoutText());
    }

    /** Creates a pool on files (absolute paths of existing files); {@code rootProperties} go to its root dataset. */
    public void createPool(PoolName pool, List<Path> files, Map<PropertyName, String> rootProperties) {
        run(ZfsCommands.createPool(pool, files, rootProperties), "creating pool " + pool + " on " + files);
    }

    public void destroyPool(PoolName pool) {
        run(ZfsCommands.destroyPool(pool), "destroying pool " + pool);
    }

    /**
     * Pool properties. Exact on OpenZFS; where {@link ZfsFeature#SCRIPTED_POOL_PROPERTIES} is missing
     * (zfs-fuse) sizes come back rounded as zpool prints them ("504M"): read exact space from the root
     * dataset's {@code used} and {@code available} instead.
     */
    public ZfsProperties poolProperties(PoolName pool, PropertyName... properties) {
        boolean scripted = capabilities().has(ZfsFeature.SCRIPTED_POOL_PROPERTIES);
        CommandResult result = run(ZfsCommands.poolGet(pool, List.of(properties), scripted),
                "reading properties of pool " + pool);
        List<ZfsProperty> rows = scripted
                ? ZfsOutput.parseGet(result.stdoutText())
                : ZfsOutput.parsePoolTable(result.stdoutText());
        return ZfsOutput.single(pool.value(), rows);
    }

    // ---- running

    private Command zfsCommand(List<String> argv) {
        // zfs's messages are what the errors are classified by: keep them untranslated
        return Command.of(argv).withEnv("LC_ALL", "C");
    }

    private CommandResult run(List<String> argv, String doing) {
        try {
            return runner.run(zfsCommand(argv).withTimeout(timeout));
        } catch (CommandFailedException e) {
            throw ZfsErrors.classify(doing, e);
        }
    }

    private SendStream start(List<String> argv, String doing) {
        try {
            return new SendStream(runner.start(zfsCommand(argv)), doing);
        } catch (CommandFailedException e) {
            throw ZfsErrors.classify(doing, e);
        }
    }
}
