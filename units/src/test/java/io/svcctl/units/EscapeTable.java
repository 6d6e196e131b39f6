package io.svcctl.units;

/** Inputs with what systemd-escape 252 printed for them (recorded; SystemdEscapeIT checks the live tool). */
final class EscapeTable {
    private EscapeTable() {
    }

    /** {@code systemd-escape -- INPUT}. */
    static final String[][] STRINGS = {
            {"web", "web"},
            {"a-b", "a\\x2db"},
            {"a/b/c", "a-b-c"},
            {"/a/b", "-a-b"},
            {".hidden", "\\x2ehidden"},
            {"a b", "a\\x20b"},
            {"a\tb", "a\\x09b"},
            {"Ä", "\\xc3\\x84"},
            {"x\\y", "x\\x5cy"},
            {"a:b_c.d", "a:b_c.d"},
            {"-", "\\x2d"},
            {"", ""},
            {"a..b", "a..b"},
            {"a@b", "a\\x40b"},
            {"%h", "\\x25h"},
            {"dev/sda1", "dev-sda1"},
            {"foo.bar/baz-qux", "foo.bar-baz\\x2dqux"},
            {"~user", "\\x7euser"},
            {"🚀", "\\xf0\\x9f\\x9a\\x80"},
            {"x\"y", "x\\x22y"},
            {"a.b.", "a.b."},
    };

    /** {@code systemd-escape --path -- INPUT}. */
    static final String[][] PATHS = {
            {"/", "-"},
            {"/a/b", "a-b"},
            {"//a//b/", "a-b"},
            {"/a/./b", "a-b"},
            {"/.dot", "\\x2edot"},
            {"/a-b c", "a\\x2db\\x20c"},
            {"/var/lib/svcctl/services/web", "var-lib-svcctl-services-web"},
            {"/mnt/日本", "mnt-\\xe6\\x97\\xa5\\xe6\\x9c\\xac"},
            {"/a/b/.", "a-b"},
            {"/dev/disk/by-uuid/1234-ABCD", "dev-disk-by\\x2duuid-1234\\x2dABCD"},
    };
}
