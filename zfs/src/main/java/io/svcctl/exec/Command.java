package io.svcctl.exec;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One external command: an argv list (never a shell string), optional stdin, an optional timeout
 * and environment additions. Immutable; the {@code with*} methods return copies.
 *
 * <p>A command whose stdin is a stream can be run once only: the stream is consumed.
 */
public final class Command {

    private final List<String> argv;
    private final byte[] stdinBytes;
    private final InputStream stdinStream;
    private final Duration timeout;
    private final Map<String, String> env;

    private Command(List<String> argv, byte[] stdinBytes, InputStream stdinStream, Duration timeout,
                    Map<String, String> env) {
        this.argv = List.copyOf(argv);
        this.stdinBytes = stdinBytes;
        this.stdinStream = stdinStream;
        this.timeout = timeout;
        this.env = Map.copyOf(env);
    }

    public static Command of(String... argv) {
        return of(List.of(argv));
    }

    public static Command of(List<String> argv) {
        checkArgv(argv);
        return new Command(argv, null, null, null, Map.of());
    }

    private static void checkArgv(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program name");
        }
        for (String arg : argv) {
            // a NUL would silently cut the argument short in execve
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argument contains a NUL byte: " + Argv.display(argv));
            }
        }
    }

    /** Feeds these bytes to the command's stdin, then closes it. */
    public Command withStdin(byte[] bytes) {
        return new Command(argv, bytes.clone(), null, timeout, env);
    }

    /** Feeds this stream to the command's stdin until its end, then closes stdin. The stream is not closed. */
    public Command withStdin(InputStream stream) {
        return new Command(argv, null, Objects.requireNonNull(stream), timeout, env);
    }

    /** Kills the command (and everything it started) when it runs longer than this. */
    public Command withTimeout(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + duration);
        }
        return new Command(argv, stdinBytes, stdinStream, duration, env);
    }

    /** Adds a variable to the environment the command inherits. */
    public Command withEnv(String name, String value) {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid environment variable: " + name);
        }
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.put(name, value);
        return new Command(argv, stdinBytes, stdinStream, timeout, copy);
    }

    /** The same command run through another program, e.g. {@code nsenter -t PID -a}. */
    public Command withArgv(List<String> newArgv) {
        checkArgv(newArgv);
        return new Command(newArgv, stdinBytes, stdinStream, timeout, env);
    }

    /** The same command without environment additions, for a runner that passes them another way. */
    Command withoutEnv() {
        return new Command(argv, stdinBytes, stdinStream, timeout, Map.of());
    }

    public List<String> argv() {
        return argv;
    }

    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    public Map<String, String> env() {
        return env;
    }

    public boolean hasStdin() {
        return stdinBytes != null || stdinStream != null;
    }

    /** The stdin to feed, if any; bytes are wrapped afresh each time. */
    public Optional<InputStream> openStdin() {
        if (stdinBytes != null) {
            return Optional.of(new ByteArrayInputStream(stdinBytes));
        }
        return Optional.ofNullable(stdinStream);
    }

    /** The argv as a human would type it, for messages only; never executed. */
    public String display() {
        return Argv.display(argv);
    }

    List<String> prefixedArgv(List<String> prefix) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(argv);
        return all;
    }

    @Override
    public String toString() {
        return display();
    }
}
