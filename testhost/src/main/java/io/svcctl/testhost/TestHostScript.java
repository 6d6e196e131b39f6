package io.svcctl.testhost;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandFailedException;
import io.svcctl.exec.CommandResult;
import io.svcctl.exec.CommandRunner;
import io.svcctl.exec.LocalCommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The shell side of the harness, {@code testhost/scripts/testhost.sh}: booting, networking and teardown live
 * there, Java only calls it. It travels on the classpath, so tests of any module run the very script of the
 * testhost jar they depend on; it is written once per content to the temp dir and run with bash from there.
 */
final class TestHostScript {
    private static final String RESOURCE = "testhost.sh";
    /** The script's "NAME or INDEX belongs to another running process" exit code. */
    static final int EXIT_TAKEN = 3;

    private static Path extracted;

    private final CommandRunner runner;

    TestHostScript(CommandRunner runner) {
        this.runner = runner;
    }

    static TestHostScript local() {
        return new TestHostScript(new LocalCommandRunner());
    }

    /** Where the script keeps its hosts: one dir per machine, like the names of their interfaces. */
    static Path runDir() {
        return Path.of("/var/tmp/svcctl-testhost");
    }

    /** {@code bash testhost.sh ARGS}, owned by this JVM: down-all leaves a live owner's hosts alone. */
    Command command(List<String> args) {
        List<String> argv = new ArrayList<>(List.of("bash", path().toString()));
        argv.addAll(args);
        return Command.of(argv).withEnv("SVCCTL_TESTHOST_OWNER", Long.toString(ProcessHandle.current().pid()));
    }

    /** Runs a subcommand; a failure says what the harness was doing and everything the script said. */
    String run(String doing, Duration timeout, String... args) {
        try {
            return runner.run(command(List.of(args)).withTimeout(timeout)).stdoutText();
        } catch (CommandFailedException e) {
            throw new IllegalStateException("while " + doing + ": `testhost.sh " + String.join(" ", args) + "` "
                    + describe(e) + "\n" + e.stderr().strip(), e);
        }
    }

    /** Runs a subcommand and hands back whatever it did, a non-zero exit included. */
    CommandResult runUnchecked(Duration timeout, String... args) {
        return runToExit(runner, command(List.of(args)).withTimeout(timeout));
    }

    /** Runs a command and hands back its result whatever its exit code; other failures (timeout...) throw. */
    static CommandResult runToExit(CommandRunner runner, Command command) {
        try {
            return runner.run(command);
        } catch (CommandFailedException e) {
            if (e.reason() != CommandFailedException.Reason.EXITED_NONZERO) {
                throw e;
            }
            return new CommandResult(e.command(), e.exitCode().orElseThrow(), e.stdout(),
                    e.stderr().getBytes(StandardCharsets.UTF_8));
        }
    }

    CommandRunner runner() {
        return runner;
    }

    private static String describe(CommandFailedException e) {
        return switch (e.reason()) {
            case EXITED_NONZERO -> "exited with status " + e.exitCode().orElseThrow();
            case TIMED_OUT -> "did not finish in time and was killed";
            default -> "failed (" + e.reason() + ")";
        };
    }

    static synchronized Path path() {
        if (extracted == null) {
            extracted = extract();
        }
        return extracted;
    }

    // Named by its content: concurrent JVMs with the same script share the file, different versions never clash,
    // and nothing has to be deleted at exit.
    private static Path extract() {
        try (InputStream in = TestHostScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("while locating the test host script: " + RESOURCE
                        + " is missing from the svcctl-testhost jar (rebuild testhost)");
            }
            byte[] script = in.readAllBytes();
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(script), 0, 8);
            Path target = Path.of(System.getProperty("java.io.tmpdir"), "svcctl-testhost-" + digest + ".sh");
            if (!Files.isRegularFile(target)) {
                Path temp = Files.createTempFile(target.getParent(), "svcctl-testhost-", ".partial");
                Files.write(temp, script);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("while writing the test host script to the temp dir: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
