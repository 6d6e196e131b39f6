package io.svcctl.units;

/**
 * A value that the file format cannot carry (a newline, a carriage return, a NUL, whitespace systemd would
 * strip, ...). Names the file, section and key, so the caller can say which input to fix.
 */
public final class UnitRenderException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String section;
    private final String key;

    UnitRenderException(String file, String section, String key, String reason) {
        super("while rendering " + file + ": " + key + "= in [" + section + "] " + reason);
        this.file = file;
        this.section = section;
        this.key = key;
    }

    public String file() {
        return file;
    }

    public String section() {
        return section;
    }

    public String key() {
        return key;
    }
}
