package io.svcctl.zfs;

import io.svcctl.exec.CommandFailedException;
import io.svcctl.exec.RunningProcess;

import java.io.InputStream;

/**
 * A running {@code zfs send}: read {@link #stream()} to its end (into {@code zfs receive}, a file, a
 * socket), then call {@link #waitFor()} to learn whether the stream was complete. Closing it before
 * then kills the send.
 */
public final class SendStream implements AutoCloseable {

    private final RunningProcess process;
    private final String doing;

    SendStream(RunningProcess process, String doing) {
        this.process = process;
        this.doing = doing;
    }

    public InputStream stream() {
        return process.stdout();
    }

    /** @throws ZfsException when zfs send failed; the stream read so far is then incomplete */
    public void waitFor() {
        try {
            process.waitFor();
        } catch (CommandFailedException e) {
            throw ZfsErrors.classify(doing, e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
