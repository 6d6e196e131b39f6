package io.svcctl.units;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A valid systemd unit name: {@code prefix[@instance].type}, at most 255 characters of
 * {@code [A-Za-z0-9:_.\-@\\]}, a non-empty prefix and a known type suffix (systemd's unit_name_is_valid()).
 * Also holds systemd-escape's escaping, so that arbitrary strings and paths can become name parts.
 */
public record UnitName(String value) {
    static final int MAX_LENGTH = 255;

    public UnitName {
        String why = problem(value);
        if (why != null) {
            throw new IllegalArgumentException("'" + value + "' is not a valid unit name: " + why);
        }
    }

    public static UnitName parse(String value) {
        return new UnitName(value);
    }

    public static UnitName of(String prefix, UnitType type) {
        return new UnitName(prefix + "." + type.suffix());
    }

    public UnitType type() {
        return UnitType.fromSuffix(value.substring(value.lastIndexOf('.') + 1));
    }

    /** The name without its type suffix. */
    public String stem() {
        return value.substring(0, value.lastIndexOf('.'));
    }

    private static String problem(String v) {
        if (v == null || v.isEmpty()) {
            return "it is empty";
        }
        if (v.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        int dot = v.lastIndexOf('.');
        if (dot <= 0) {
            return "it needs a name and a type suffix such as .service";
        }
        if (UnitType.fromSuffix(v.substring(dot + 1)) == null) {
            return "'." + v.substring(dot + 1) + "' is not a unit type";
        }
        for (int i = 0; i < dot; i++) {
            char c = v.charAt(i);
            if (!isNameChar(c) && c != '@') {
                return "character '" + c + "' is not allowed (escape it with systemd-escape rules)";
            }
        }
        if (v.charAt(0) == '@') {
            return "the part before '@' is empty";
        }
        return null;
    }

    private static boolean isNameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == ':' || c == '_' || c == '.' || c == '-' || c == '\\';
    }

    /**
     * What {@code systemd-escape STRING} prints: {@code /} becomes {@code -}; {@code -}, {@code \}, a leading
     * {@code .} and every byte outside {@code [A-Za-z0-9:_.]} become {@code \xNN} (lowercase hex of each
     * UTF-8 byte).
     */
    public static String escape(String s) {
        requireUnicode(s);
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c == '/') {
                out.append('-');
            } else if ((i == 0 && c == '.') || c == '-' || c == '\\' || !isNameChar(c)) {
                out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /**
     * What {@code systemd-escape --path PATH} prints: the path simplified (repeated and trailing slashes and
     * {@code .} components dropped), then escaped without its leading slash; the root is {@code -}. Relative
     * paths and paths with {@code ..} are refused, as they cannot be escaped reversibly.
     */
    public static String escapePath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("cannot escape '" + path + "' as a unit name path: it is not absolute");
        }
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("cannot escape '" + path
                        + "' as a unit name path: it contains '..'");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? "-" : escape(String.join("/", parts));
    }

    private static void requireUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("cannot escape a string that is not valid Unicode"
                        + " (lone surrogate at index " + i + ")");
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
