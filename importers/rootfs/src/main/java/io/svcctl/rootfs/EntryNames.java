package io.svcctl.rootfs;

/** Renders tar entry names for messages and listings so that control characters cannot forge output. */
final class EntryNames {
    private EntryNames() {
    }

    /** Escapes backslash, quote and every control character as {@code \xNN}; other characters stay as they are. */
    static String quote(String name) {
        StringBuilder b = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (c == '\\') {
                b.append("\\\\");
            } else if (c == '\'') {
                b.append("\\'");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** Shows raw name bytes that are not valid UTF-8: printable ASCII as is, every other byte as {@code \xNN}. */
    static String escapeBytes(byte[] raw) {
        StringBuilder b = new StringBuilder(raw.length);
        for (byte x : raw) {
            int c = x & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
                b.append((char) c);
            } else {
                b.append(String.format("\\x%02x", c));
            }
        }
        return b.toString();
    }
}
