package io.svcctl.importers.docker;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A registry user name and password (or token). {@link #toString()} never shows the secret. */
public record Credentials(String username, String password) {
    public Credentials {
        if (username == null || username.isEmpty() || username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a registry user name must be non-empty and contain no ':'");
        }
        if (password == null) {
            throw new IllegalArgumentException("a registry password must be given (it may be empty)");
        }
    }

    /** Parses {@code user:password} as given to {@code --creds}; the password may contain ':'. */
    public static Credentials parse(String userColonPassword) {
        int colon = userColonPassword == null ? -1 : userColonPassword.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("while parsing registry credentials: expected USER:PASSWORD");
        }
        return new Credentials(userColonPassword.substring(0, colon), userColonPassword.substring(colon + 1));
    }

    /** The value of an {@code Authorization: Basic} header. */
    String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return username + ":***";
    }
}
