package io.svcctl.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitFileSerializerTest {

    /** Every hostile word as a command argument and as an environment value; shared with the systemd IT. */
    static UnitFile hostileUnit() {
        List<String> argv = new ArrayList<>();
        argv.add("/bin/echo");
        argv.addAll(Hostile.WORDS);
        UnitFile.Builder b = UnitFile.builder("hostile.service", Syntax.UNIT)
                .header("hostile values for the serializer's golden test")
                .header("")
                .section("Unit")
                .add("Description", Value.text("100% sure: \"quoted\" it's back\\slash 日本 $HOME %h;"))
                .section("Service")
                .add("ExecStart", Value.command(argv))
                .add("CPUQuota", Value.verbatim("150%"));
        for (int i = 0; i < Hostile.WORDS.size(); i++) {
            b.add("Environment", Value.words("V" + i + "=" + Hostile.WORDS.get(i)));
        }
        return b.add("Environment", Value.words("A=1", "B=two words"))
                .build();
    }

    @Test
    void rendersHostileValuesSoSystemdReadsThemBack() {
        Golden.assertMatches(hostileUnit().render(), "hostile.service");
    }

    @Test
    void sectionsAreSeparatedByOneBlankLineAndEndWithANewline() {
        String text = UnitFile.builder("a.service", Syntax.UNIT)
                .section("Unit").add("Description", Value.text("a"))
                .section("Service").add("ExecStart", Value.command("/bin/true"))
                .build().render();
        assertThat(text).isEqualTo("[Unit]\nDescription=a\n\n[Service]\nExecStart=/bin/true\n");
    }

    @Test
    void specifiersAreEscapedInTextButNotInVerbatimValues() {
        assertThat(render(Syntax.UNIT, "Description", Value.text("50% of %n"))).isEqualTo("Description=50%% of %%n");
        assertThat(render(Syntax.UNIT, "CPUQuota", Value.verbatim("50%"))).isEqualTo("CPUQuota=50%");
        assertThat(render(Syntax.NSPAWN, "WorkingDirectory", Value.text("/srv/100%"))).isEqualTo("WorkingDirectory=/srv/100%");
    }

    @Test
    void commandsDoubleDollarsAndEscapeALoneSemicolon() {
        assertThat(render(Syntax.UNIT, "ExecStart", Value.command("/bin/echo", "$HOME", ";", "a b")))
                .isEqualTo("ExecStart=/bin/echo $$HOME \\; \"a b\"");
        // outside commands '$' means nothing to systemd
        assertThat(render(Syntax.UNIT, "Environment", Value.words("A=$HOME"))).isEqualTo("Environment=A=$HOME");
    }

    @Test
    void unitWordsEscapeBackslashesAndDoubleQuotesInsideDoubleQuotes() {
        assertThat(render(Syntax.UNIT, "Environment", Value.words("A=x\\y \"z\"", "B=")))
                .isEqualTo("Environment=\"A=x\\\\y \\\"z\\\"\" B=");
    }

    @Test
    void nspawnWordsUseWhicheverQuoteTheyLackAndKeepBackslashes() {
        assertThat(render(Syntax.NSPAWN, "Parameters", Value.words("a b", "say \"hi\"", "it's", "x\\y", "end\\")))
                .isEqualTo("Parameters=\"a b\" 'say \"hi\"' \"it's\" x\\y \"end\\\"");
        assertThat(render(Syntax.NSPAWN, "Parameters", Value.words("both ' and \"")))
                .isEqualTo("Parameters=\"both ' and \"'\"'");
    }

    @Test
    void nspawnFieldsEscapeColonsAndBackslashes() {
        assertThat(render(Syntax.NSPAWN, "Bind", Value.fields("/srv/a:b", "/mnt/c\\d", "idmap")))
                .isEqualTo("Bind=/srv/a\\:b:/mnt/c\\\\d:idmap");
    }

    @Test
    void refusesANewlineNamingTheKey() {
        assertThatThrownBy(() -> render(Syntax.UNIT, "Description", Value.text("one\ntwo")))
                .isInstanceOf(UnitRenderException.class)
                .hasMessage("while rendering test.unit: Description= in [Section] the value contains a newline at"
                        + " index 3, which would end the line; systemd files cannot carry one in a value")
                .satisfies(e -> assertThat(((UnitRenderException) e).key()).isEqualTo("Description"));
    }

    @Test
    void refusesACarriageReturnInAWordNamingTheKey() {
        assertThatThrownBy(() -> render(Syntax.UNIT, "Environment", Value.words("A=1", "B=x\ry")))
                .isInstanceOf(UnitRenderException.class)
                .hasMessageContaining("Environment= in [Section] item 2 contains a carriage return at index 3");
    }

    @Test
    void refusesANulInACommandArgumentNamingTheKey() {
        assertThatThrownBy(() -> render(Syntax.UNIT, "ExecStart", Value.command("/bin/echo", "a\0b")))
                .isInstanceOf(UnitRenderException.class)
                .hasMessageContaining("ExecStart= in [Section] argument 1 contains a NUL character at index 1");
    }

    @Test
    void refusesLineBreaksInNspawnFilesToo() {
        assertThatThrownBy(() -> render(Syntax.NSPAWN, "Parameters", Value.words("/bin/sh", "-c", "a\nb")))
                .isInstanceOf(UnitRenderException.class)
                .hasMessageContaining("Parameters= in [Section] item 3 contains a newline");
        assertThatThrownBy(() -> render(Syntax.NSPAWN, "Bind", Value.fields("/a\r", "/b")))
                .isInstanceOf(UnitRenderException.class)
                .hasMessageContaining("Bind= in [Section] field 1 contains a carriage return");
    }

    @Test
    void refusesWhitespaceSystemdWouldStripFromAVerbatimValue() {
        assertThatThrownBy(() -> render(Syntax.UNIT, "Description", Value.text(" padded")))
                .isInstanceOf(UnitRenderException.class)
                .hasMessageContaining("starts or ends with whitespace");
        assertThatThrownBy(() -> render(Syntax.NSPAWN, "User", Value.text("web\t")))
                .isInstanceOf(UnitRenderException.class)
                .hasMessageContaining("starts or ends with whitespace");
    }

    @Test
    void refusesAnOddTrailingBackslashButNotAnEvenOne() {
        assertThatThrownBy(() -> render(Syntax.UNIT, "Description", Value.text("C:\\")))
                .isInstanceOf(UnitRenderException.class)
                .hasMessageContaining("line continuation");
        assertThat(render(Syntax.UNIT, "Description", Value.text("two\\\\"))).isEqualTo("Description=two\\\\");
    }

    @Test
    void refusesStringsThatAreNotUnicode() {
        assertThatThrownBy(() -> render(Syntax.UNIT, "Description", Value.text("bad \uD800 surrogate")))
                .isInstanceOf(UnitRenderException.class)
                .hasMessageContaining("not valid Unicode");
        assertThat(render(Syntax.UNIT, "Description", Value.text("rocket \uD83D\uDE80"))).isEqualTo("Description=rocket 🚀");
    }

    @Test
    void refusesProgramsSystemdWouldMisread() {
        assertThatThrownBy(() -> render(Syntax.UNIT, "ExecStart", Value.command("-rm")))
                .hasMessageContaining("first character systemd reads as a flag");
        assertThatThrownBy(() -> render(Syntax.UNIT, "ExecStart", Value.command("bin/x")))
                .hasMessageContaining("absolute path or a bare name");
        assertThatThrownBy(() -> render(Syntax.UNIT, "ExecStart", Value.command("/opt/$APP")))
                .hasMessageContaining("'$' in the program path");
        assertThatThrownBy(() -> render(Syntax.UNIT, "ExecStart", Value.command("/bin/x\ty")))
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> render(Syntax.UNIT, "ExecStart", Value.command(List.of())))
                .hasMessageContaining("has no program");
    }

    @Test
    void refusesValueKindsTheFileTypeDoesNotHave() {
        assertThatThrownBy(() -> render(Syntax.NSPAWN, "Parameters", Value.command("/bin/true")))
                .hasMessageContaining("only unit files have");
        assertThatThrownBy(() -> render(Syntax.UNIT, "Bind", Value.fields("/a", "/b")))
                .hasMessageContaining("only .nspawn files have");
        assertThatThrownBy(() -> render(Syntax.UNIT, "Environment", Value.words(List.of())))
                .hasMessageContaining("empty list");
    }

    @Test
    void refusesInvalidKeysSectionsAndHeaders() {
        assertThatThrownBy(() -> new Entry("Exec Start", Value.text("x"))).hasMessageContaining("invalid setting name");
        assertThatThrownBy(() -> new Entry("=x", Value.text("x"))).hasMessageContaining("invalid setting name");
        assertThatThrownBy(() -> new Section("Service]", List.of())).hasMessageContaining("invalid section name");
        assertThatThrownBy(() -> UnitFile.builder("a.service", Syntax.UNIT).header("x\ny").build().render())
                .hasMessageContaining("header comment");
        assertThatThrownBy(() -> UnitFile.builder("a.service", Syntax.UNIT).add("A", Value.text("b")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyTextValueResetsAList() {
        assertThat(render(Syntax.UNIT, "ExecStart", Value.text(""))).isEqualTo("ExecStart=");
    }

    private static String render(Syntax syntax, String key, Value value) {
        String text = UnitFile.builder("test.unit", syntax).section("Section").add(key, value).build().render();
        return text.substring("[Section]\n".length(), text.length() - 1);
    }
}
