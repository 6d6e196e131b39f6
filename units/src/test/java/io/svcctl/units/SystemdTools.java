package io.svcctl.units;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandResult;
import io.svcctl.exec.LocalCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs systemd's own tools as oracles for the ITs; a missing tool fails the test naming its package. */
public final class SystemdTools {
    private static final LocalCommandRunner RUNNER = new LocalCommandRunner();

    private SystemdTools() {
    }

    public static void require(String program, String debianPackage) {
        if (!Files.isExecutable(Path.of(program))) {
            throw new AssertionError(program + " is missing: install the Debian package " + debianPackage
                    + " (apt-get install -y " + debianPackage + ")");
        }
    }

    public static CommandResult run(Command command) {
        return RUNNER.run(command.withTimeout(Duration.ofMinutes(1)));
    }

    /**
     * Splits what systemd prints for a command line (each argument shell-quoted when needed: double quotes,
     * backslash before {@code " \ ` $}, C escapes for control characters) back into arguments.
     */
    public static List<String> splitCommandLine(String line) {
        List<String> args = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) == ' ') {
                i++;
                continue;
            }
            StringBuilder arg = new StringBuilder();
            if (line.charAt(i) == '"') {
                i++;
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i++);
                    if (c == '\\') {
                        char e = line.charAt(i++);
                        arg.append(switch (e) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            default -> e;
                        });
                    } else {
                        arg.append(c);
                    }
                }
                i++;
            } else {
                while (i < line.length() && line.charAt(i) != ' ') {
                    arg.append(line.charAt(i++));
                }
            }
            args.add(arg.toString());
        }
        return args;
    }
}
