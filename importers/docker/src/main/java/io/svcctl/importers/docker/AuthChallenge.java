package io.svcctl.importers.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235), e.g.
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:x:pull"}.
 * The scheme and parameter names are lowercased; values are unquoted.
 */
record AuthChallenge(String scheme, Map<String, String> params) {
    AuthChallenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Map.copyOf(params);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** Parses a header value that may hold several challenges. */
    static List<AuthChallenge> parse(String header) {
        return new Parser(header).challenges();
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s == null ? "" : s;
        }

        List<AuthChallenge> challenges() {
            List<AuthChallenge> out = new ArrayList<>();
            skipSeparators();
            while (pos < s.length()) {
                String scheme = token();
                if (scheme.isEmpty()) {
                    throw new IllegalArgumentException("malformed WWW-Authenticate header: '" + s + "'");
                }
                Map<String, String> params = new LinkedHashMap<>();
                skipSpaces();
                while (pos < s.length()) {
                    int mark = pos;
                    String name = token();
                    skipSpaces();
                    if (name.isEmpty() || pos >= s.length() || s.charAt(pos) != '=') {
                        pos = mark; // not name=value: the next challenge's scheme starts here
                        break;
                    }
                    pos++;
                    skipSpaces();
                    params.put(name.toLowerCase(Locale.ROOT), value());
                    skipSpaces();
                    if (pos >= s.length() || s.charAt(pos) != ',') {
                        break;
                    }
                    skipSeparators();
                }
                out.add(new AuthChallenge(scheme, params));
                skipSeparators();
            }
            return out;
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && isTokenChar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private String value() {
            if (pos < s.length() && s.charAt(pos) == '"') {
                StringBuilder b = new StringBuilder();
                pos++;
                while (pos < s.length() && s.charAt(pos) != '"') {
                    char c = s.charAt(pos++);
                    if (c == '\\' && pos < s.length()) {
                        c = s.charAt(pos++);
                    }
                    b.append(c);
                }
                if (pos >= s.length()) {
                    throw new IllegalArgumentException("unterminated quoted value in WWW-Authenticate header: '" + s + "'");
                }
                pos++;
                return b.toString();
            }
            return token();
        }

        private void skipSpaces() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private void skipSeparators() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == ',')) {
                pos++;
            }
        }

        private static boolean isTokenChar(char c) {
            return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={} ".indexOf(c) < 0
                    || c == '/' || c == ':'; // lenient: some servers leave URLs unquoted
        }
    }
}
