package io.svcctl.manager.cli;

import io.svcctl.importers.docker.ImageSources;
import io.svcctl.manager.Host;
import io.svcctl.manager.SvcctlException;
import io.svcctl.zfs.ZfsException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code svcctl} command: parses, calls the manager, renders. Exit codes are chosen here only. */
@Command(name = "svcctl",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Run services in systemd-nspawn containers on ZFS.",
            "",
            "Images are ZFS snapshots, services are clones of them, systemd supervises them.",
            "Start with 'svcctl init', then 'svcctl import docker REF' and 'svcctl run NAME --image REF'."},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  the operation failed (details on stderr)",
            "  2  invalid arguments or names",
            "  3  no such service, image or snapshot",
            "  4  conflict: it exists already, or something depends on it",
            "  5  the host is not ready (svcctl init not run, zfs or systemd unreachable)",
            "  6  this host's zfs or systemd lacks a needed feature",
            "",
            "Run 'svcctl COMMAND --help' for the options of a command; --debug shows stack traces."})
public final class Main implements Runnable {
    /**
     * Every command under each name it answers to, in the order help lists them. The names repeat the commands'
     * {@code @Command} annotations (MainTest holds the two equal) so that finding the named command reads no
     * annotations: reading them class by class until the named one took ~15 ms of each {@code svcctl start}.
     */
    static final List<Map.Entry<String, Class<?>>> COMMANDS = List.of(
            Map.entry("help", CommandLine.HelpCommand.class),
            Map.entry("init", InitCommand.class),
            Map.entry("import", ImportCommand.class),
            Map.entry("images", ImagesCommand.class),
            Map.entry("image", ImageCommand.class),
            Map.entry("rmi", ImageCommand.Rmi.class),
            Map.entry("gc", GcCommand.class),
            Map.entry("create", ServiceCommands.Create.class),
            Map.entry("run", ServiceCommands.Run.class),
            Map.entry("start", ServiceCommands.Start.class),
            Map.entry("stop", ServiceCommands.Stop.class),
            Map.entry("restart", ServiceCommands.Restart.class),
            Map.entry("status", ServiceCommands.Status.class),
            Map.entry("list", ServiceCommands.ListServices.class),
            Map.entry("ls", ServiceCommands.ListServices.class),
            Map.entry("logs", ServiceCommands.Logs.class),
            Map.entry("enable", ServiceCommands.Enable.class),
            Map.entry("disable", ServiceCommands.Disable.class),
            Map.entry("update", ServiceCommands.Update.class),
            Map.entry("edit", ServiceCommands.Edit.class),
            Map.entry("rm", ServiceCommands.Remove.class),
            Map.entry("remove", ServiceCommands.Remove.class),
            Map.entry("migrate", MigrateCommands.Migrate.class),
            Map.entry("send", MigrateCommands.Send.class),
            Map.entry("receive", MigrateCommands.Receive.class),
            Map.entry("snapshot", MigrateCommands.Snapshot.class),
            Map.entry("snapshots", MigrateCommands.Snapshots.class),
            Map.entry("rollback", MigrateCommands.Rollback.class),
            Map.entry("migrate-agent", MigrateCommands.Agent.class),
            Map.entry("generate-completion", AutoComplete.GenerateCompletion.class));
    /** Commands that talk to systemd: the connection is begun while the command line is parsed. */
    private static final Set<String> SYSTEMD_COMMANDS = Set.of("create", "run", "start", "stop", "restart", "status",
            "list", "ls", "enable", "disable", "update", "rm", "remove");
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        String command = commandName(args);
        boolean helpOrVersion = hasAny(args, "-h", "--help", "-V", "--version");
        if (!helpOrVersion && SYSTEMD_COMMANDS.contains(command)) {
            Host.prepareLocal(true);
        } else if (!helpOrVersion && command.equals("import")) {
            Host.prepareLocal(false);
            ImageSources.prepare(!hasAny(args, "--tls-verify=false"));
        }
        System.exit(commandLine(args).execute(args));
    }

    /** The first word that is not an option: the command (svcctl's own options take no values). */
    private static String commandName(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "";
    }

    // loops, not streams, in what runs before the command line is parsed: each lambda is linked at first use
    private static boolean hasAny(String[] args, String... options) {
        for (String arg : args) {
            for (String option : options) {
                if (arg.equals(option)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The whole command tree, as help and completion show it. */
    static CommandLine commandLine() {
        return commandLine(commandClasses());
    }

    /** Each command once, in help's order. */
    private static List<Class<?>> commandClasses() {
        return COMMANDS.stream().<Class<?>>map(Map.Entry::getValue).distinct().toList();
    }

    /**
     * The command line for {@code args}: only the command named in them is modelled when it is one of ours.
     * Picocli reflects over every command it is given, and doing that for all of them took ~0.15 s of each
     * {@code svcctl start}; {@code --version} gets none, help, completion and unknown names the whole tree.
     */
    static CommandLine commandLine(String[] args) {
        String named = commandName(args);
        if (named.isEmpty() && hasAny(args, "-V", "--version")) {
            return commandLine(List.of());
        }
        if (!named.equals("help") && !named.equals("generate-completion")) {
            for (Map.Entry<String, Class<?>> command : COMMANDS) {
                if (command.getKey().equals(named)) {
                    return commandLine(List.of(command.getValue()));
                }
            }
        }
        return commandLine();
    }

    private static CommandLine commandLine(List<Class<?>> commands) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        commands.forEach(cl::addSubcommand);
        CommandLine completion = cl.getSubcommands().get("generate-completion");
        if (completion != null) {
            completion.getCommandSpec().usageMessage().hidden(false);
        }
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("svcctl: " + message(e));
            if (main.debug) {
                e.printStackTrace(line.getErr());
            }
            return exitCode(e);
        });
        return cl;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    static int exitCode(Throwable e) {
        if (e instanceof SvcctlException s) {
            return switch (s.kind()) {
                case FAILED -> EXIT_FAILED;
                case INVALID -> EXIT_USAGE;
                case NOT_FOUND -> 3;
                case CONFLICT -> 4;
                case UNAVAILABLE -> 5;
                case UNSUPPORTED -> 6;
            };
        }
        if (e instanceof ZfsException z) {
            return switch (z.kind()) {
                case NOT_FOUND -> 3;
                case ALREADY_EXISTS, HAS_DEPENDENTS, BUSY -> 4;
                case UNAVAILABLE -> 5;
                case UNSUPPORTED -> 6;
                default -> EXIT_FAILED;
            };
        }
        if (e instanceof IllegalArgumentException) {
            return EXIT_USAGE;
        }
        return EXIT_FAILED;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"svcctl " + (v == null ? "dev" : v)};
        }
    }
}
