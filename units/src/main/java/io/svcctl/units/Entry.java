package io.svcctl.units;

import java.util.Objects;
import java.util.regex.Pattern;

/** One {@code Key=value} line. Keys are letters, digits and {@code -}, starting with a letter. */
public record Entry(String key, Value value) {
    static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

    public Entry {
        Objects.requireNonNull(value, "value");
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid setting name '" + key
                    + "': systemd keys are a letter followed by letters, digits and '-'");
        }
    }
}
