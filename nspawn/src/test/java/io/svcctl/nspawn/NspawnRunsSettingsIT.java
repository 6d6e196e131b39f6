package io.svcctl.nspawn;

import static org.assertj.core.api.Assertions.assertThat;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandResult;
import io.svcctl.exec.LocalCommandRunner;
import io.svcctl.exec.RunningProcess;
import io.svcctl.units.Hostile;
import io.svcctl.units.ServiceName;
import io.svcctl.units.SystemdTools;
import io.svcctl.units.UnitFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real systemd-nspawn on rendered .nspawn files (as root, without systemd as PID 1: --keep-unit
 * --register=no) with a busybox payload that prints what it received. The file lies next to the container's root
 * and is read with --settings=trusted, so nothing outside the temporary directory is touched except the
 * propagation directory nspawn leaves under /run, which is removed afterwards.
 */
class NspawnRunsSettingsIT {
    private static final String NSPAWN = "/usr/bin/systemd-nspawn";
    private static final String BUSYBOX = "/bin/busybox";
    private static final UidRange RANGE = new UidRange(UidRange.LAST_BASE);

    @TempDir
    Path dir;

    private final ServiceName service =
            ServiceName.parse("svcctl-it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));

    @BeforeAll
    static void requireTools() {
        SystemdTools.require(NSPAWN, "systemd-container");
        SystemdTools.require(BUSYBOX, "busybox-static");
    }

    @AfterEach
    void removePropagationDirectory() throws IOException {
        Files.deleteIfExists(Path.of("/run/systemd/nspawn/propagate", service.value()));
    }

    @Test
    void nspawnGivesTheCommandEveryArgumentVariablePathAndBindExactly() throws IOException {
        String workdir = "/srv/my dir/100%/$HOME/日本";
        String destination = "/data/x:y z";
        Path volume = Files.createDirectories(dir.resolve("vol: a\\b"));
        Files.writeString(volume.resolve("hello"), "from the host");

        StringBuilder script = new StringBuilder("printf '%s\\0' \"$@\"; printf '%s\\0'");
        for (int i = 0; i < Hostile.WORDS.size(); i++) {
            script.append(" \"$V").append(i).append('"');
        }
        script.append(" \"$(pwd)\" \"$$\" \"$(cat '").append(destination).append("/hello')\" \"$(cat /proc/self/uid_map)\"");
        List<String> command = new ArrayList<>(List.of(BUSYBOX, "sh", "-c", script.toString(), "sh"));
        command.addAll(Hostile.WORDS);
        NspawnSettings.Builder settings = NspawnSettings.builder(command)
                .workingDirectory(workdir)
                .userNamespace(UserNamespacePlan.decide(TreeOwnership.shiftedTo(RANGE), false, null))
                .bind(Bind.readOnly(volume, destination));
        for (int i = 0; i < Hostile.WORDS.size(); i++) {
            settings.env("V" + i, Hostile.WORDS.get(i));
        }
        Path root = container(settings.build());
        Files.createDirectories(root.resolve(workdir.substring(1)));

        CommandResult result = new LocalCommandRunner().run(nspawn(root));

        List<String> expected = new ArrayList<>(Hostile.WORDS);
        expected.addAll(Hostile.WORDS);
        expected.addAll(List.of(workdir, "2", "from the host"));
        List<String> printed = Arrays.asList(result.stdoutText().split("\0", -1));
        assertThat(printed.subList(0, expected.size())).containsExactlyElementsOf(expected);
        // uid_map: container 0 is the range's base, 65536 ids
        assertThat(printed.get(expected.size()).trim().split("\\s+")).containsExactly("0", Long.toString(RANGE.base()), "65536");
        assertNoSettingsWarnings(result.stderrText());
    }

    @Test
    void stoppingNspawnStopsTheCommandGracefullyAndExitsZero() throws IOException {
        Path root = container(NspawnSettings.builder(List.of(BUSYBOX, "sh", "-c", "echo ready; exec " + BUSYBOX + " sleep 600"))
                .userNamespace(UserNamespacePlan.decide(TreeOwnership.shiftedTo(RANGE), false, null))
                .build());
        try (RunningProcess process = new LocalCommandRunner().start(nspawn(root))) {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.stdout(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            // what systemd does on stop with KillMode=mixed: SIGTERM to nspawn only
            ProcessHandle nspawn = ProcessHandle.current().children()
                    .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains("--machine=" + service))
                            .orElse(false))
                    .findFirst().orElseThrow(() -> new AssertionError("systemd-nspawn is not running"));
            assertThat(nspawn.destroy()).as("SIGTERM sent").isTrue();
            // exit 0: the stub passed the stop on to the command and powered off; a SIGKILL would exit 1
            CommandResult result = process.waitFor();
            assertThat(result.exitCode()).isZero();
            assertNoSettingsWarnings(result.stderrText());
        }
    }

    /** Writes the rendered settings next to a root holding busybox and returns the root. */
    private Path container(NspawnSettings settings) throws IOException {
        UnitFile file = settings.toUnitFile(service);
        Files.writeString(dir.resolve(file.name()), file.render(), StandardCharsets.UTF_8);
        Path root = Files.createDirectories(dir.resolve(service.value()));
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("usr"));
        Files.copy(Path.of(BUSYBOX), root.resolve("bin/busybox"));
        return root;
    }

    private Command nspawn(Path root) {
        return Command.of(NSPAWN, "--quiet", "--keep-unit", "--register=no", "--settings=trusted",
                "--console=pipe", "--machine=" + service, "--directory=" + root).withTimeout(Duration.ofSeconds(60));
    }

    private void assertNoSettingsWarnings(String stderr) {
        assertThat(stderr.lines().filter(l -> l.contains(".nspawn") || l.contains("gnoring")))
                .as("nspawn's complaints about the settings file").isEmpty();
    }
}
