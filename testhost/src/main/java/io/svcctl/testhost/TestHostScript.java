package io.svcctl.testhost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shell side of the harness, {@code testhost.sh}, shipped as a resource so that any module's tests (and
 * bin/try-it, from the source tree) run the same script. Booting, networking and teardown live there;
 * Java only calls it.
 */
public final class TestHostScript {
    private static final String RESOURCE = "testhost.sh";
    private static Path extracted;

    private TestHostScript() {
    }

    static synchronized Path path() {
        if (extracted == null) {
            try (InputStream in = TestHostScript.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("testhost.sh is missing from the classpath");
                }
                Path dir = Files.createTempDirectory("svcctl-testhost-script");
                Path script = dir.resolve(RESOURCE);
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
                script.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                extracted = script;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return extracted;
    }

    /** Runs {@code testhost.sh ARGS}; a failure throws with everything it printed. */
    static String run(Duration timeout, String... args) {
        ExecResult r = runUnchecked(timeout, args);
        if (!r.ok()) {
            throw new IllegalStateException("testhost.sh " + String.join(" ", args) + " failed (exit " + r.exitCode()
                    + "):\n" + r.stderr() + r.stdout());
        }
        return r.stdout();
    }

    static ExecResult runUnchecked(Duration timeout, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("bash");
        argv.add(path().toString());
        argv.addAll(List.of(args));
        return exec(argv, timeout);
    }

    /** Runs argv on the outer machine, collecting output; kills it at the timeout. */
    static ExecResult exec(List<String> argv, Duration timeout) {
        try {
            Path out = Files.createTempFile("svcctl-th", ".out");
            Path err = Files.createTempFile("svcctl-th", ".err");
            try {
                Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor();
                    return new ExecResult(124, Files.readString(out, StandardCharsets.UTF_8),
                            Files.readString(err, StandardCharsets.UTF_8) + "\n(killed after " + timeout + ")");
                }
                return new ExecResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        }
    }
}
