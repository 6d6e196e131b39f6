package io.svcctl.exec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * A command that did not succeed: it exited non-zero, ran out of time, could not be started, or
 * the waiting thread was interrupted. The message reads
 * {@code while running `zfs create pool/x`: cannot create 'pool/x': dataset already exists}.
 */
public class CommandFailedException extends RuntimeException {

    /** Why the command failed. */
    public enum Reason { EXITED_NONZERO, TIMED_OUT, COULD_NOT_START, INTERRUPTED, STDIN_FAILED }

    // enough of a usage dump to recognise it; the whole stderr stays available through stderr()
    private static final int MESSAGE_STDERR_LINES = 12;

    private final Command command;
    private final Reason reason;
    private final int exitCode;
    private final byte[] stdout;
    private final String stderr;

    private CommandFailedException(Command command, Reason reason, int exitCode, byte[] stdout, String stderr,
                                   String detail, Throwable cause) {
        super("while running `" + command.display() + "`: " + detail, cause);
        this.command = command;
        this.reason = reason;
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static CommandFailedException exited(CommandResult result) {
        String stderr = result.stderrText();
        String detail = stderr.isBlank()
                ? "exited with status " + result.exitCode()
                : firstLines(stderr.strip());
        return new CommandFailedException(result.command(), Reason.EXITED_NONZERO, result.exitCode(),
                result.stdout(), stderr, detail, null);
    }

    public static CommandFailedException timedOut(Command command, Duration timeout, byte[] stdout, byte[] stderr) {
        return new CommandFailedException(command, Reason.TIMED_OUT, -1, stdout,
                new String(stderr, StandardCharsets.UTF_8),
                "did not finish within " + timeout + "; it was killed with everything it started", null);
    }

    public static CommandFailedException couldNotStart(Command command, Throwable cause) {
        return new CommandFailedException(command, Reason.COULD_NOT_START, -1, new byte[0], "",
                "could not start " + command.argv().get(0) + " (" + cause.getMessage()
                        + "); check that it is installed and on the PATH", cause);
    }

    public static CommandFailedException interrupted(Command command, InterruptedException cause) {
        return new CommandFailedException(command, Reason.INTERRUPTED, -1, new byte[0], "",
                "interrupted while waiting; the command was killed", cause);
    }

    public static CommandFailedException stdinFailed(CommandResult result, Throwable cause) {
        return new CommandFailedException(result.command(), Reason.STDIN_FAILED, result.exitCode(),
                result.stdout(), result.stderrText(),
                "reading the data for its stdin failed: " + cause.getMessage(), cause);
    }

    private static String firstLines(String text) {
        List<String> lines = text.lines().collect(Collectors.toList());
        if (lines.size() <= MESSAGE_STDERR_LINES) {
            return text;
        }
        return String.join("\n", lines.subList(0, MESSAGE_STDERR_LINES))
                + "\n... (" + (lines.size() - MESSAGE_STDERR_LINES) + " more lines)";
    }

    public Command command() {
        return command;
    }

    public List<String> argv() {
        return command.argv();
    }

    public Reason reason() {
        return reason;
    }

    /** The exit code, when the command ran to an exit of its own. */
    public OptionalInt exitCode() {
        return exitCode < 0 ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    public byte[] stdout() {
        return Arrays.copyOf(stdout, stdout.length);
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Everything the command wrote to stderr. */
    public String stderr() {
        return stderr;
    }
}
