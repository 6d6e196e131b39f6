package io.svcctl.units;

import java.util.List;

/** Values that break naive quoting: specifiers, variables, quotes, backslashes, blanks, unicode, separators. */
public final class Hostile {
    private Hostile() {
    }

    public static final List<String> WORDS = List.of(
            "plain",
            "%h",
            "100%",
            "$HOME",
            "${HOME}",
            "$$",
            "it's",
            "say \"hi\"",
            "both ' and \"",
            "back\\slash",
            "trailing\\",
            "\\\\server\\share",
            "two words",
            " leading space",
            "trailing space ",
            "tab\there",
            "日本語 é 🚀",
            ";",
            "a;b",
            "#not-a-comment",
            "key=value",
            "");
}
