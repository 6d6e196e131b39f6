package io.svcctl.units;

import java.util.List;

/**
 * The value of one setting, typed by how systemd parses it; {@link UnitFileSerializer} escapes each kind
 * accordingly. Picking the kind that matches the key's parser is the caller's part: a percentage for a key
 * that does not expand specifiers is {@link Verbatim}, a description is {@link Text}.
 */
public sealed interface Value {

    /** Free text for a key that expands {@code %} specifiers (Description=, ListenStream=, ...). */
    record Text(String text) implements Value {
        public Text {
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /** A token the key's own parser reads without specifier expansion (numbers, sizes, enums, "150%"). */
    record Verbatim(String text) implements Value {
        public Verbatim {
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /** A whitespace-separated list whose items are quoted as needed (Environment=, Parameters=). */
    record Words(List<String> words) implements Value {
        public Words {
            words = List.copyOf(words);
        }
    }

    /** A command line (ExecStart= and friends): the program, then its arguments, each kept exactly. */
    record Command(List<String> argv) implements Value {
        public Command {
            argv = List.copyOf(argv);
        }
    }

    /** Colon-separated fields, each escaping {@code :} and {@code \} (Bind= in .nspawn files). */
    record Fields(List<String> fields) implements Value {
        public Fields {
            fields = List.copyOf(fields);
        }
    }

    static Value text(String text) {
        return new Text(text);
    }

    static Value verbatim(String text) {
        return new Verbatim(text);
    }

    static Value bool(boolean b) {
        return new Verbatim(b ? "yes" : "no");
    }

    static Value number(long n) {
        return new Verbatim(Long.toString(n));
    }

    static Value words(List<String> words) {
        return new Words(words);
    }

    static Value words(String... words) {
        return new Words(List.of(words));
    }

    static Value command(List<String> argv) {
        return new Command(argv);
    }

    static Value command(String... argv) {
        return new Command(List.of(argv));
    }

    static Value fields(List<String> fields) {
        return new Fields(fields);
    }

    static Value fields(String... fields) {
        return new Fields(List.of(fields));
    }
}
