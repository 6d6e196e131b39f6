package io.svcctl.zfs;

/**
 * The rules shared by all names. Stricter than zfs in one way on purpose: no spaces, so that every name
 * is one word in messages and on a remote shell line.
 */
final class NameCheck {

    /** ZFS_MAX_DATASET_NAME_LEN (256) less the terminating NUL; applies to whole dataset and snapshot names. */
    static final int MAX_NAME_LENGTH = 255;

    static final String ALLOWED = "letters, digits and _ - . :";

    private static final int MESSAGE_LIMIT = 80;

    private NameCheck() {
    }

    static boolean allowedChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == ':';
    }

    /** One path component of a dataset name, or the part of a snapshot name after '@'. */
    static void component(String kind, String whole, String component) {
        if (component.isEmpty()) {
            throw new InvalidZfsNameException(kind, whole, "it has an empty component (a leading, trailing or doubled '/')");
        }
        if (component.equals(".") || component.equals("..")) {
            throw new InvalidZfsNameException(kind, whole, "'" + component + "' is not allowed as a component");
        }
        if (component.charAt(0) == '-') {
            throw new InvalidZfsNameException(kind, whole, "a component may not start with '-'");
        }
        chars(kind, whole, component);
    }

    static void chars(String kind, String whole, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!allowedChar(c)) {
                throw new InvalidZfsNameException(kind, whole,
                        "character " + describe(c) + " is not allowed; use " + ALLOWED);
            }
        }
    }

    static void length(String kind, String whole, int max) {
        if (whole.length() > max) {
            throw new InvalidZfsNameException(kind, whole,
                    "it is " + whole.length() + " characters long; the limit is " + max);
        }
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "' ' (space)";
        }
        if (Character.isISOControl(c) || Character.isWhitespace(c) || c > 0x7e) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    /** Quotes a possibly hostile name for an error message: control characters escaped, long names cut. */
    static String forMessage(String name) {
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(name.length(), MESSAGE_LIMIT);
        for (int i = 0; i < limit; i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (name.length() > limit) {
            out.append("...");
        }
        return out.append("'").toString();
    }
}
