package io.svcctl.exec;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A started command whose stdin and stdout the caller streams (e.g. {@code zfs send | zfs receive}).
 * stderr is collected in the background. Close it in a try-with-resources: closing kills the process
 * tree if it is still running.
 */
public interface RunningProcess extends AutoCloseable {

    Command command();

    /** The command's stdin; close it to signal the end of input. Not available when the Command feeds stdin itself. */
    OutputStream stdin();

    /** The command's stdout, to be read by the caller. */
    InputStream stdout();

    /**
     * Waits for the exit. The result's stdout is empty (the caller read it).
     *
     * @throws CommandFailedException on a non-zero exit, a timeout, an interrupt, or failed stdin input
     */
    CommandResult waitFor();

    /** Kills the process and everything it started, unless it has already exited. */
    @Override
    void close();
}
