package io.svcctl.testhost.registry;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandResult;
import io.svcctl.exec.CommandRunner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Runs the registry fixture's tools; a missing one fails at once, naming the Debian package to install. */
final class Tools {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private Tools() {
    }

    /** Fails loudly unless {@code program} is on PATH. */
    static void require(String program, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return;
            }
        }
        throw new IllegalStateException("the registry fixture needs `" + program + "`: apt-get install " + debianPackage
                + " (bin/dev-setup installs it)");
    }

    static CommandResult run(CommandRunner runner, String... argv) {
        return runner.run(Command.of(argv).withTimeout(TIMEOUT));
    }
}
