package io.svcctl.manager.systemd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandRunner;
import io.svcctl.exec.RunningProcess;

/**
 * A unit's log lines from the systemd journal. The journal has no D-Bus API, so this runs
 * {@code journalctl} through the command runner, which decides where it runs (this host, or inside a
 * test host through nsenter). Failures are the runner's {@link io.svcctl.exec.CommandFailedException},
 * which names the command.
 */
public final class Journal {

    private static final Duration TAIL_TIMEOUT = Duration.ofSeconds(30);

    private final CommandRunner runner;

    public Journal(CommandRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** The unit's last {@code lines} lines, oldest first, in journalctl's short-iso format. */
    public List<String> tail(String unit, int lines) {
        String out = runner.run(command(unit, lines, false).withTimeout(TAIL_TIMEOUT)).stdoutText();
        return out.isEmpty() ? List.of() : out.lines().toList();
    }

    /**
     * The unit's last {@code lines} lines, then new ones as they are written, until closed. Reading
     * blocks while nothing new is logged.
     */
    public Follower follow(String unit, int lines) {
        return new Follower(runner.start(command(unit, lines, true)));
    }

    /** The journalctl command; no timeout here, since a follower runs until closed. */
    static Command command(String unit, int lines, boolean follow) {
        Objects.requireNonNull(unit, "unit");
        if (lines < 0) {
            throw new IllegalArgumentException("a number of lines cannot be negative: " + lines);
        }
        List<String> argv = new ArrayList<>(List.of("journalctl", "--unit", unit, "--lines", Integer.toString(lines),
                "--output", "short-iso", "--no-pager", "--quiet"));
        if (follow) {
            argv.add("--follow");
        }
        return Command.of(argv);
    }

    /** A running {@code journalctl --follow}; closing it stops journalctl. */
    public static final class Follower implements AutoCloseable {
        private final RunningProcess process;
        private final BufferedReader reader;

        private Follower(RunningProcess process) {
            this.process = process;
            this.reader = new BufferedReader(new InputStreamReader(process.stdout(), StandardCharsets.UTF_8));
        }

        /** The next line, waiting for one to be logged; null once journalctl has ended. */
        public String readLine() {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("while reading `" + process.command().display() + "`: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
