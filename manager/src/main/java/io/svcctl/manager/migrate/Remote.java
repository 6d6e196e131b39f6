package io.svcctl.manager.migrate;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** The target of a migration, as the source drives it (over ssh: {@link SshRemote}). */
public interface Remote {

    /** For messages and the source's {@code svcctl:migrated-to} mark, e.g. {@code root@10.0.0.2}. */
    String name();

    Inventory probe(String service);

    /** Streams into {@code svcctl receive --stage}; with {@code activate} the target then starts it (the switch). */
    TargetAgent.ReceiveReport receive(StreamBody body, boolean activate);

    TargetAgent.ActivateReport activate(String service);

    List<String> abort(String service);

    /** Writes an svcctl stream; the remote reads it as {@code svcctl receive}'s stdin. */
    @FunctionalInterface
    interface StreamBody {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A failure on the target or on the way there; {@code transport} when the connection itself broke. */
    final class Failure extends io.svcctl.manager.SvcctlException {
        private final boolean transport;

        public Failure(String message, boolean transport, Throwable cause) {
            super(Kind.FAILED, message, cause);
            this.transport = transport;
        }

        public boolean transport() {
            return transport;
        }
    }
}
