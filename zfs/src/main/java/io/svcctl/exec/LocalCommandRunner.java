package io.svcctl.exec;

import java.io.IOException;

/**
 * Runs commands on this machine with {@link ProcessBuilder}: argv straight to execve, never through a
 * shell. On timeout, interrupt or close the process and all of its descendants are killed.
 */
public final class LocalCommandRunner implements CommandRunner {

    @Override
    public CommandResult run(Command command) {
        try (LocalProcess process = launch(command, true)) {
            return process.waitFor();
        }
    }

    @Override
    public RunningProcess start(Command command) {
        return launch(command, false);
    }

    private static LocalProcess launch(Command command, boolean collectStdout) {
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        builder.environment().putAll(command.env());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw CommandFailedException.couldNotStart(command, e);
        }
        return new LocalProcess(command, process, collectStdout);
    }
}
