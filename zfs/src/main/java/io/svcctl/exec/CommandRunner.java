package io.svcctl.exec;

/** Runs external commands. The one way svcctl runs a program; implementations decide where it runs. */
public interface CommandRunner {

    /**
     * Runs the command to completion, collecting stdout and stderr.
     *
     * @throws CommandFailedException when it exits non-zero, times out, cannot start or is interrupted
     */
    CommandResult run(Command command);

    /**
     * Starts the command and hands its stdin and stdout to the caller.
     *
     * @throws CommandFailedException when it cannot start
     */
    RunningProcess start(Command command);
}
