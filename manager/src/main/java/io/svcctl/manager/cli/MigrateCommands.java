package io.svcctl.manager.cli;

import io.svcctl.exec.LocalCommandRunner;
import io.svcctl.manager.Host;
import io.svcctl.manager.SvcctlException;
import io.svcctl.manager.migrate.Migration;
import io.svcctl.manager.migrate.MigrationListener;
import io.svcctl.manager.migrate.MigrationStream;
import io.svcctl.manager.migrate.SendStep;
import io.svcctl.manager.migrate.ServiceSnapshots;
import io.svcctl.manager.migrate.SshRemote;
import io.svcctl.manager.migrate.SshTarget;
import io.svcctl.manager.migrate.StreamSend;
import io.svcctl.manager.migrate.TargetAgent;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** migrate, send, receive, the target's migrate-agent, and the operator's snapshot commands. */
final class MigrateCommands {
    private MigrateCommands() {
    }

    private static final MigrationListener PROGRESS = message -> System.err.println("svcctl: " + message);

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Move a service to another host with ZFS send/receive and low downtime.",
                "While it runs, what the target lacks is sent (missing image layers only, the service",
                "as its difference to its image, volumes), then what changed while the deltas shrink;",
                "then it stops, the last delta goes and it starts on the target. Only once it is active",
                "there is it disabled here; its data stays until --delete-source or 'svcctl rm'.",
                "If anything fails it runs here again with all its data; re-running continues."},
            footer = {"", "Examples:",
                "  svcctl migrate web --to ssh://root@10.0.0.2",
                "  svcctl migrate web --to ssh://10.0.0.2 --dry-run",
                "  svcctl migrate web --to ssh://10.0.0.2 --phase begin   # then sync, switch (or abort)"})
    static final class Migrate implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The service.")
        String name;
        @Option(names = "--to", required = true, paramLabel = "ssh://[USER@]HOST[:PORT]", description = "The target host.")
        String to;
        @Option(names = "--phase", paramLabel = "PHASE",
                description = "Run one phase: begin (send while running), sync (send the changes), switch (stop,"
                        + " last delta, start there), abort (undo the target side). Default: all of them.")
        String phase;
        @Option(names = "--max-downtime", paramLabel = "SECONDS",
                description = "Keep syncing while the estimated switch transfer is longer; refuse to switch if it stays so.")
        Double maxDowntime;
        @Option(names = "--delete-source", description = "Remove the service here (volumes too) once it runs on the target.")
        boolean deleteSource;
        @Option(names = "--dry-run", description = "Print what would be sent, with estimated bytes; change nothing.")
        boolean dryRun;
        @Option(names = "--remote-svcctl", paramLabel = "PATH", defaultValue = "svcctl",
                description = "The svcctl command on the target (default: ${DEFAULT-VALUE}).")
        String remoteSvcctl;
        @Option(names = "--ssh-option", paramLabel = "OPTION", description = "An ssh -o option (repeatable).")
        List<String> sshOptions = new ArrayList<>();
        @Mixin
        ServiceCommands.Json out;

        @Override
        public Integer call() {
            SshTarget target = SshTarget.parse(to);
            try (Host host = Host.local()) {
                Migration migration = new Migration(host,
                        new SshRemote(new LocalCommandRunner(), target, sshOptions, remoteSvcctl), PROGRESS,
                        new Migration.Options(maxDowntime, deleteSource, 5));
                Output o = Output.stdout();
                if (dryRun) {
                    Migration.PlanView plan = migration.dryRun(name);
                    if (out.json) {
                        o.json(plan);
                    } else {
                        o.line("plan for " + name + " to " + plan.target() + " (estimated " + Output.bytes(plan.estimatedBytes())
                                + ", a lower bound from 'referenced': zfs-fuse has no 'send -nv'):");
                        o.table(List.of("DATASET", "SNAPSHOT", "KIND", "RELATIVE TO", "INTO", "EST"),
                                plan.steps().stream().map(MigrateCommands::row).toList());
                    }
                    return 0;
                }
                Object result = switch (phase == null ? "all" : phase) {
                    case "all" -> migration.run(name);
                    case "begin" -> migration.begin(name);
                    case "sync" -> migration.sync(name);
                    case "switch" -> migration.switchOver(name, List.of());
                    case "abort" -> migration.abort(name);
                    default -> throw new SvcctlException(SvcctlException.Kind.INVALID, "--phase " + phase
                            + ": use begin, sync, switch or abort");
                };
                if (out.json) {
                    o.json(result);
                } else if (result instanceof Migration.Summary s) {
                    for (Migration.Round r : s.rounds()) {
                        o.line(String.format(Locale.ROOT, "%-7s %9s in %.1f s", r.phase(), Output.bytes(r.bytes()),
                                r.millis() / 1000.0));
                    }
                    o.line("migrated " + name + " to " + s.target() + ": downtime " + s.downtimeMillis() + " ms, "
                            + Output.bytes(s.bytes()) + " sent" + (s.sourceDeleted() ? "; removed here"
                            : "; stopped and disabled here, its data kept (remove it with 'svcctl rm " + name + " --volumes')"));
                } else if (result instanceof Migration.Round r) {
                    o.line(String.format(Locale.ROOT, "%s: %d stream(s), %s in %.1f s", r.phase(), r.steps(),
                            Output.bytes(r.bytes()), r.millis() / 1000.0));
                } else if (result instanceof List<?> removed) {
                    o.line(removed.isEmpty() ? "nothing to undo" : "removed: " + removed);
                }
                return 0;
            }
        }
    }

    private static List<String> row(SendStep s) {
        return List.of(s.source(), s.snapshot(), s.kind().name().toLowerCase(Locale.ROOT),
                s.from() == null ? "-" : s.from(), s.target(), Output.bytes(s.estimatedBytes()));
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            header = "Write a service and what it needs as an svcctl stream to stdout.",
            description = {"Write a service (image layers, its clone, volumes, spec) as an svcctl stream",
                "to stdout, for 'svcctl receive' on another host (format: docs/migration.md).",
                "Stop the service first for a consistent copy; it keeps running here either way."},
            footer = {"", "Examples:",
                "  svcctl send web > web.svcctl",
                "  svcctl send web | ssh root@10.0.0.2 svcctl receive",
                "  ssh root@10.0.0.2 svcctl migrate-agent probe web > there.json; svcctl send web --target-inventory there.json | ..."})
    static final class Send implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The service.")
        String name;
        @Option(names = "--target-inventory", paramLabel = "FILE",
                description = "What the target has ('svcctl migrate-agent probe NAME' there): send only what it lacks.")
        Path inventory;

        @Override
        public Integer call() throws Exception {
            if (System.console() != null) {
                throw new SvcctlException(SvcctlException.Kind.INVALID, "svcctl send writes a binary stream to stdout:"
                        + " redirect it to a file or a pipe");
            }
            try (Host host = Host.local(); OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 20)) {
                StreamSend.Result r = new StreamSend(host, PROGRESS).send(name,
                        inventory == null ? null : Files.readAllBytes(inventory), stdout);
                System.err.println("svcctl: sent " + name + ": " + r.steps() + " stream(s), " + Output.bytes(r.bytes()));
                return 0;
            }
        }
    }

    @Command(name = "receive", mixinStandardHelpOptions = true,
            header = "Read an svcctl stream from stdin and create the service here.",
            description = {"Read an svcctl stream ('svcctl send') from stdin: the images this host lacks,",
                "then the service, created here but not started ('svcctl start NAME')."})
    static final class Receive implements Callable<Integer> {
        @Option(names = "--stage", description = "Receive into the staging area only (used by svcctl migrate).")
        boolean stage;
        @Option(names = "--activate", hidden = true,
                description = "With --stage: then switch the service in and start it (svcctl migrate's switch).")
        boolean activate;
        @Mixin
        ServiceCommands.Json out;

        @Override
        public Integer call() throws Exception {
            try (Host host = Host.local()) {
                TargetAgent.ReceiveReport r = new TargetAgent(host, PROGRESS)
                        .receive(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 20), stage,
                                activate);
                if (out.json) {
                    Output.stdout().json(r);
                } else {
                    Output.stdout().line("received " + r.service() + ": " + r.steps() + " stream(s), "
                            + Output.bytes(r.bytes()) + (r.staged() ? " (staged)" : "; start it with 'svcctl start "
                            + r.service() + "'"));
                }
                return 0;
            }
        }
    }

    @Command(name = "migrate-agent", hidden = true, mixinStandardHelpOptions = true,
            description = "The target's side of 'svcctl migrate' (run over ssh): probe, activate, abort; JSON out.")
    static final class Agent implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ACTION", description = "probe, activate or abort")
        String action;
        @Parameters(index = "1", paramLabel = "NAME", description = "The service.")
        String name;

        @Override
        public Integer call() throws Exception {
            try (Host host = Host.local()) {
                TargetAgent agent = new TargetAgent(host, PROGRESS);
                Object result = switch (action) {
                    case "probe" -> agent.probe(name);
                    case "activate" -> agent.activate(name);
                    case "abort" -> agent.abort(name);
                    default -> throw new SvcctlException(SvcctlException.Kind.INVALID, "migrate-agent " + action
                            + ": use probe, activate or abort");
                };
                Output.stdout().json(result);
                return 0;
            }
        }
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true,
            description = "Snapshot a service and its volumes together (names starting with svcctl- are reserved).")
    static final class Snapshot implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The service.")
        String name;
        @Parameters(index = "1", arity = "0..1", paramLabel = "SNAPSHOT", description = "Its name (default: the time).")
        String snapshot;

        @Override
        public Integer call() {
            try (Host host = Host.local()) {
                Output.stdout().line(name + "@" + new ServiceSnapshots(host).snapshot(name, snapshot));
                return 0;
            }
        }
    }

    @Command(name = "snapshots", mixinStandardHelpOptions = true, description = "List a service's snapshots.")
    static final class Snapshots implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The service.")
        String name;
        @Mixin
        ServiceCommands.Json out;

        @Override
        public Integer call() {
            try (Host host = Host.local()) {
                List<ServiceSnapshots.Entry> all = new ServiceSnapshots(host).list(name);
                if (out.json) {
                    Output.stdout().json(all);
                } else {
                    Output.stdout().table(List.of("SNAPSHOT", "CREATED", "GUID", "NOTE"), all.stream().map(e -> List.of(
                            e.name(), String.valueOf(e.created()), e.guid(), e.migration() ? "migration's own" : "")).toList());
                }
                return 0;
            }
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            header = "Roll a service and its volumes back to a snapshot.",
            description = {"Roll a service and its volumes back to a snapshot (its latest: zfs refuses otherwise and",
                "names the newer ones). A running service is stopped around it and started again."})
    static final class Rollback implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The service.")
        String name;
        @Parameters(index = "1", paramLabel = "SNAPSHOT", description = "The snapshot.")
        String snapshot;

        @Override
        public Integer call() {
            try (Host host = Host.local()) {
                boolean restarted = new ServiceSnapshots(host).rollback(name, snapshot);
                Output.stdout().line("rolled " + name + " back to " + snapshot + (restarted ? " (restarted)" : ""));
                return 0;
            }
        }
    }
}
