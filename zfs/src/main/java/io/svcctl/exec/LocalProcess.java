package io.svcctl.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A process started by {@link LocalCommandRunner}, with its pump threads and its timeout watchdog. */
final class LocalProcess implements RunningProcess {

    private final Command command;
    private final Process process;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stdout;
    private final Thread stderrPump;
    private final Thread stdoutPump;
    private final Thread stdinPump;
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private final CompletableFuture<Void> watchdog;
    private volatile IOException stdinReadError;

    LocalProcess(Command command, Process process, boolean collectStdout) {
        this.command = command;
        this.process = process;
        String name = "exec-" + process.pid() + "-";
        this.stderrPump = daemon(name + "stderr", () -> drain(process.getErrorStream(), stderr));
        if (collectStdout) {
            this.stdout = new ByteArrayOutputStream();
            this.stdoutPump = daemon(name + "stdout", () -> drain(process.getInputStream(), stdout));
        } else {
            this.stdout = null;
            this.stdoutPump = null;
        }
        if (command.hasStdin()) {
            InputStream input = command.openStdin().orElseThrow();
            this.stdinPump = daemon(name + "stdin", () -> feed(input));
        } else {
            this.stdinPump = null;
            if (collectStdout) {
                closeQuietly(process.getOutputStream()); // nobody will write: give the command EOF at once
            }
        }
        this.watchdog = command.timeout()
                .map(t -> CompletableFuture.runAsync(this::killOnTimeout,
                        CompletableFuture.delayedExecutor(t.toMillis(), TimeUnit.MILLISECONDS)))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
        process.onExit().thenRun(() -> watchdog.cancel(false));
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void drain(InputStream from, ByteArrayOutputStream to) {
        try (from) {
            from.transferTo(to);
        } catch (IOException e) {
            // the pipe closes under us when the process is killed; what arrived is kept
        }
    }

    private void feed(InputStream input) {
        byte[] buffer = new byte[128 * 1024];
        OutputStream out = process.getOutputStream();
        try {
            while (true) {
                int n;
                try {
                    n = input.read(buffer);
                } catch (IOException e) {
                    // a truncated input must not look like a complete one: stop the consumer
                    stdinReadError = e;
                    killTree();
                    return;
                }
                if (n < 0) {
                    return;
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    return; // the command closed its stdin; its exit status tells why
                }
            }
        } finally {
            closeQuietly(out);
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // broken pipe on close: the command already stopped reading
        }
    }

    private void killOnTimeout() {
        if (process.isAlive()) {
            timedOut.set(true);
            killTree();
        }
    }

    private void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public Command command() {
        return command;
    }

    @Override
    public OutputStream stdin() {
        if (command.hasStdin()) {
            throw new IllegalStateException("`" + command.display() + "` is fed from the Command's own stdin");
        }
        return process.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        if (stdout != null) {
            throw new IllegalStateException("`" + command.display() + "` collects its own stdout");
        }
        return process.getInputStream();
    }

    @Override
    public CommandResult waitFor() {
        int exitCode;
        try {
            exitCode = process.waitFor();
            stderrPump.join();
            if (stdoutPump != null) {
                stdoutPump.join();
            }
            if (stdinPump != null) {
                stdinPump.join();
            }
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
            throw CommandFailedException.interrupted(command, e);
        }
        watchdog.cancel(false);
        byte[] out = stdout == null ? new byte[0] : stdout.toByteArray();
        if (timedOut.get()) {
            throw CommandFailedException.timedOut(command, command.timeout().orElseThrow(), out, stderr.toByteArray());
        }
        CommandResult result = new CommandResult(command, exitCode, out, stderr.toByteArray());
        if (stdinReadError != null) {
            throw CommandFailedException.stdinFailed(result, stdinReadError);
        }
        if (exitCode != 0) {
            throw CommandFailedException.exited(result);
        }
        return result;
    }

    @Override
    public void close() {
        watchdog.cancel(false);
        if (process.isAlive()) {
            killTree();
        }
    }
}
