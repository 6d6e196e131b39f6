package io.svcctl.exec;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders argv lists as POSIX shell words: for messages, and for the one remote shell ssh insists on. */
final class Argv {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Argv() {
    }

    static String display(List<String> argv) {
        return argv.stream().map(Argv::quote).collect(Collectors.joining(" "));
    }

    /** Single-quotes a word unless it is made of characters no shell treats specially. */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
