package io.svcctl.units;

import static org.assertj.core.api.Assertions.assertThat;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds the rendered files to systemd's own unit loader: {@code systemd-analyze verify} loads them as PID 1 would
 * and, at debug log level, dumps the parsed unit, so what systemd made of every value can be compared with what
 * went in. Needs no running systemd.
 */
class SystemdParsesUnitFilesIT {
    private static final String ANALYZE = "/usr/bin/systemd-analyze";

    @TempDir
    Path dir;

    @BeforeAll
    static void requireTools() {
        SystemdTools.require(ANALYZE, "systemd");
    }

    @Test
    void systemdReadsEveryHostileValueBackExactly() throws IOException {
        Map<String, List<String>> parsed = load(UnitFileSerializerTest.hostileUnit());

        List<String> env = new ArrayList<>();
        for (int i = 0; i < Hostile.WORDS.size(); i++) {
            env.add("V" + i + "=" + Hostile.WORDS.get(i));
        }
        env.add("A=1");
        env.add("B=two words");
        assertThat(parsed.get("Environment")).containsExactlyElementsOf(env);

        // systemd keeps "$$" until it runs the command, then turns it into "$": exactly the argument given
        List<String> argv = new ArrayList<>();
        argv.add("/bin/echo");
        Hostile.WORDS.forEach(w -> argv.add(w.replace("$", "$$")));
        assertThat(SystemdTools.splitCommandLine(parsed.get("Command Line").get(0))).containsExactlyElementsOf(argv);

        assertThat(parsed.get("Description")).containsExactly("100% sure: \"quoted\" it's back\\slash 日本 $HOME %h;");
    }

    @Test
    void systemdRunsNspawnWithTheHostileRootDirectoryIntact() throws IOException {
        ServiceUnit unit = ServiceUnitTest.hostileRoot();
        Map<String, List<String>> parsed = load(unit.toUnitFile());
        List<String> expected = new ArrayList<>(unit.command());
        expected.replaceAll(a -> a.replace("$", "$$"));
        assertThat(SystemdTools.splitCommandLine(parsed.get("Command Line").get(0))).containsExactlyElementsOf(expected);
        assertThat(parsed.get("Description")).containsExactly(unit.description());
    }

    @Test
    void systemdAcceptsTheContainerAndPortUnitsWithoutComplaint() throws IOException {
        List<UnitFile> files = new ArrayList<>();
        files.add(ServiceUnitTest.plain().toUnitFile());
        files.add(ServiceUnitTest.full().toUnitFile());
        files.addAll(ServiceUnitTest.full().ports().unitFiles());
        files.addAll(PortPlan.of(ServiceUnitTest.WEB, NetworkMode.HOST,
                List.of(PublishedPort.tcp(8080, 80))).unitFiles());
        for (String stub : List.of("svcctl-db.service", "svcctl-cache.service")) {
            Files.writeString(dir.resolve(stub), "[Service]\nExecStart=/bin/true\n");
        }
        for (UnitFile f : files) {
            Files.writeString(dir.resolve(f.name()), f.render(), StandardCharsets.UTF_8);
        }
        for (UnitFile f : files) {
            CommandResult result = SystemdTools.run(Command.of(ANALYZE, "verify", dir.resolve(f.name()).toString()));
            assertThat(result.stderrText().lines().filter(l -> l.contains(f.name())))
                    .as("systemd-analyze verify %s", f.name()).isEmpty();
        }
    }

    /** Loads one file and returns the settings of its dump (key to the values in order). */
    private Map<String, List<String>> load(UnitFile unit) throws IOException {
        Path file = dir.resolve(unit.name());
        Files.writeString(file, unit.render(), StandardCharsets.UTF_8);
        CommandResult result = SystemdTools.run(Command.of(ANALYZE, "verify", file.toString())
                .withEnv("SYSTEMD_LOG_LEVEL", "debug"));
        assertThat(result.stderrText().lines().filter(l -> l.startsWith(file.toString())))
                .as("warnings about %s", unit.name()).isEmpty();
        Map<String, List<String>> settings = new LinkedHashMap<>();
        boolean inUnit = false;
        for (String line : result.stdoutText().split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("-> Unit ")) {
                inUnit = trimmed.equals("-> Unit " + unit.name() + ":");
            } else if (inUnit && trimmed.contains(": ")) {
                String key = trimmed.substring(0, trimmed.indexOf(": "));
                // values keep their own leading/trailing blanks: cut only the dump's indentation and key
                String value = line.substring(line.indexOf(": ") + 2);
                settings.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        assertThat(settings).as("systemd's dump of %s", unit.name()).containsKeys("Description");
        return settings;
    }
}
