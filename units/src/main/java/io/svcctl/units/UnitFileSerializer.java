package io.svcctl.units;

import java.util.List;

/**
 * The one serializer for systemd's INI-like files (systemd.syntax(7)). Every value is escaped by its
 * {@link Value} kind and the file's {@link Syntax}, following what systemd's parsers do with it (systemd 252):
 * <ul>
 *   <li>A line is {@code Key=value}; systemd strips whitespace around the value and joins a line ending in an
 *       odd number of backslashes with the next one. Values that would lose leading or trailing whitespace
 *       or end in a lone backslash cannot be written verbatim and are refused.</li>
 *   <li>Newline, carriage return and NUL end a line (or the string) in every parser: refused anywhere, so a
 *       value can never smuggle in a second setting.</li>
 *   <li>Unit files expand {@code %} specifiers in text, words and commands: {@code %} is doubled there, but not
 *       in {@link Value.Verbatim} values (their parsers do not expand specifiers, so {@code CPUQuota=150%}
 *       stays).</li>
 *   <li>Unit-file words are double-quoted when needed with {@code \\} and {@code \"} escaped; this reads back
 *       the same under both parsers unit keys use (with and without C unescaping).</li>
 *   <li>Command lines also double {@code $} (no variable expansion) and write a lone {@code ;} as {@code \;}
 *       (else it separates commands).</li>
 *   <li>.nspawn list settings unquote but keep backslashes literally, even inside quotes: words are wrapped in
 *       whichever quote they do not contain; a word holding both kinds is written as adjacent quoted runs.</li>
 * </ul>
 */
public final class UnitFileSerializer {
    private static final String PROGRAM_PREFIXES = "@-:+!|";

    private UnitFileSerializer() {
    }

    public static String serialize(UnitFile file) {
        StringBuilder out = new StringBuilder();
        for (String line : file.header()) {
            checkComment(file, line);
            out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        boolean first = file.header().isEmpty();
        for (Section section : file.sections()) {
            if (!first) {
                out.append('\n');
            }
            first = false;
            out.append('[').append(section.name()).append("]\n");
            for (Entry entry : section.entries()) {
                Where where = new Where(file.name(), section.name(), entry.key());
                out.append(entry.key()).append('=').append(value(file.syntax(), entry.value(), where)).append('\n');
            }
        }
        return out.toString();
    }

    private static String value(Syntax syntax, Value value, Where where) {
        if (value instanceof Value.Text t) {
            checkRaw(t.text(), where);
            return syntax == Syntax.UNIT ? t.text().replace("%", "%%") : t.text();
        }
        if (value instanceof Value.Verbatim v) {
            checkRaw(v.text(), where);
            return v.text();
        }
        if (value instanceof Value.Words w) {
            if (w.words().isEmpty()) {
                throw where.fail("has an empty list; write an empty Text value to reset a list setting");
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < w.words().size(); i++) {
                String word = w.words().get(i);
                checkChars(word, where, "item " + (i + 1));
                out.append(i == 0 ? "" : " ").append(syntax == Syntax.UNIT ? unitWord(word, false) : nspawnWord(word));
            }
            return out.toString();
        }
        if (value instanceof Value.Command c) {
            return command(syntax, c.argv(), where);
        }
        if (value instanceof Value.Fields f) {
            return fields(syntax, f.fields(), where);
        }
        throw new IllegalStateException("unknown value kind " + value.getClass());
    }

    private static String command(Syntax syntax, List<String> argv, Where where) {
        if (syntax != Syntax.UNIT) {
            throw where.fail("is a command line, which only unit files have");
        }
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw where.fail("has no program to run");
        }
        String program = argv.get(0);
        if (program.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw where.fail("names a program containing a control character; systemd does not allow one there");
        }
        if (PROGRAM_PREFIXES.indexOf(program.charAt(0)) >= 0) {
            throw where.fail("names program '" + program + "', whose first character systemd reads as a flag ("
                    + PROGRAM_PREFIXES + "); give an absolute path");
        }
        if (!program.startsWith("/") && program.contains("/")) {
            throw where.fail("names program '" + program + "': systemd takes an absolute path or a bare name");
        }
        if (program.contains("$")) {
            throw where.fail("names program '" + program + "': '$' in the program path is not expanded the same way"
                    + " in the path and in argv[0]");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < argv.size(); i++) {
            String word = argv.get(i);
            checkChars(word, where, i == 0 ? "the program" : "argument " + i);
            out.append(i == 0 ? "" : " ").append(unitWord(word, true));
        }
        return out.toString();
    }

    private static String fields(Syntax syntax, List<String> fields, Where where) {
        if (syntax != Syntax.NSPAWN) {
            throw where.fail("is a colon-separated field list, which only .nspawn files have");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            checkChars(field, where, "field " + (i + 1));
            out.append(i == 0 ? "" : ":").append(field.replace("\\", "\\\\").replace(":", "\\:"));
        }
        String rendered = out.toString();
        if (!rendered.isEmpty() && (isBlank(rendered.charAt(0)) || isBlank(rendered.charAt(rendered.length() - 1)))) {
            throw where.fail("starts or ends with whitespace, which systemd strips from the line");
        }
        return rendered;
    }

    /** Double-quoted when needed; {@code %} (and in commands {@code $}) doubled inside or outside quotes. */
    private static String unitWord(String word, boolean command) {
        if (command && word.equals(";")) {
            return "\\;";
        }
        String s = word.replace("%", "%%");
        if (command) {
            s = s.replace("$", "$$");
        }
        if (!needsQuotes(word, true)) {
            return s;
        }
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Quotes without escapes: the .nspawn list parser keeps backslashes, so a quote cannot be escaped. */
    private static String nspawnWord(String word) {
        if (!needsQuotes(word, false)) {
            return word;
        }
        if (word.indexOf('"') < 0) {
            return '"' + word + '"';
        }
        if (word.indexOf('\'') < 0) {
            return '\'' + word + '\'';
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < word.length()) {
            boolean quotes = word.charAt(i) == '"';
            int end = i;
            while (end < word.length() && (word.charAt(end) == '"') == quotes) {
                end++;
            }
            char wrap = quotes ? '\'' : '"';
            out.append(wrap).append(word, i, end).append(wrap);
            i = end;
        }
        return out.toString();
    }

    private static boolean needsQuotes(String word, boolean unit) {
        if (word.isEmpty() || word.endsWith("\\")) {
            return true;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == ' ' || c == '\t' || c == '"' || c == '\'') {
                return true;
            }
            if (unit && (c == '\\' || c == ';' || c < 0x20 || c == 0x7f)) {
                return true;
            }
        }
        return false;
    }

    /** A value written as is: systemd strips surrounding whitespace and joins a line ending in a backslash. */
    private static void checkRaw(String s, Where where) {
        checkChars(s, where, "the value");
        if (!s.isEmpty() && (isBlank(s.charAt(0)) || isBlank(s.charAt(s.length() - 1)))) {
            throw where.fail("starts or ends with whitespace, which systemd strips and this setting cannot quote");
        }
        int trailing = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            trailing++;
        }
        if (trailing % 2 == 1) {
            throw where.fail("ends with a backslash, which systemd reads as a line continuation");
        }
    }

    private static void checkChars(String s, Where where, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String bad = switch (c) {
                case '\n' -> "a newline";
                case '\r' -> "a carriage return";
                case '\0' -> "a NUL character";
                default -> null;
            };
            if (bad != null) {
                throw where.fail(what + " contains " + bad + " at index " + i
                        + ", which would end the line; systemd files cannot carry one in a value");
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw where.fail(what + " is not valid Unicode (a lone surrogate at index " + i
                        + "); systemd ignores lines that are not UTF-8");
            }
        }
    }

    private static void checkComment(UnitFile file, String line) {
        if (line.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
            throw new IllegalArgumentException("while rendering " + file.name()
                    + ": a header comment line contains a newline, carriage return or NUL");
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private record Where(String file, String section, String key) {
        UnitRenderException fail(String reason) {
            return new UnitRenderException(file, section, key, reason);
        }
    }
}
