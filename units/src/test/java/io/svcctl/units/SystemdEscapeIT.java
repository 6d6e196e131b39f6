package io.svcctl.units;

import static org.assertj.core.api.Assertions.assertThat;

import io.svcctl.exec.Command;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The recorded escape tables still match the live systemd-escape, and so does {@link UnitName}. */
class SystemdEscapeIT {
    private static final String ESCAPE = "/usr/bin/systemd-escape";

    @BeforeAll
    static void requireTool() {
        SystemdTools.require(ESCAPE, "systemd");
    }

    @Test
    void stringTableMatchesSystemdEscape() {
        for (String[] row : EscapeTable.STRINGS) {
            assertThat(escape("--", row[0])).as("systemd-escape -- '%s'", row[0]).isEqualTo(row[1]);
        }
    }

    @Test
    void pathTableMatchesSystemdEscapePath() {
        for (String[] row : EscapeTable.PATHS) {
            assertThat(escape("--path", "--", row[0])).as("systemd-escape --path -- '%s'", row[0]).isEqualTo(row[1]);
        }
    }

    @Test
    void unitNameAgreesWithSystemdEscapeOnHostileWords() {
        for (String word : Hostile.WORDS) {
            assertThat(UnitName.escape(word)).as("escape('%s')", word).isEqualTo(escape("--", word));
        }
    }

    private static String escape(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = ESCAPE;
        System.arraycopy(args, 0, argv, 1, args.length);
        String out = SystemdTools.run(Command.of(argv)).stdoutText();
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }
}
