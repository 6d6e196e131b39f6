package io.svcctl.manager.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code svcctl} command: parses, calls the manager, renders. Exit codes are chosen here only. */
@Command(name = "svcctl",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Run services in systemd-nspawn containers on ZFS.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"svcctl " + (v == null ? "dev" : v)};
        }
    }
}
