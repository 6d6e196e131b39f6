package io.svcctl.units;

/**
 * A machine name as systemd-machined accepts it: hostname rules (hostname_is_valid()): 1 to 64 characters,
 * dot-separated labels of letters, digits and {@code -}, no label empty or starting or ending with {@code -}.
 */
public record MachineName(String value) {
    static final int MAX_LENGTH = 64;

    public MachineName {
        String why = problem(value);
        if (why != null) {
            throw new IllegalArgumentException("'" + value + "' is not a valid machine name: " + why);
        }
    }

    public static MachineName parse(String value) {
        return new MachineName(value);
    }

    /** Null when {@code v} is valid, else why not. */
    static String problem(String v) {
        if (v == null || v.isEmpty()) {
            return "it is empty";
        }
        if (v.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        for (String label : v.split("\\.", -1)) {
            if (label.isEmpty()) {
                return "it has an empty label (a leading, trailing or doubled '.')";
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return "label '" + label + "' starts or ends with '-'";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) {
                    return "character '" + c + "' is not allowed (letters, digits, '-' and '.' only)";
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
