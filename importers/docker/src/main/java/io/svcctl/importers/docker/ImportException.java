package io.svcctl.importers.docker;

import java.io.IOException;

/** An image could not be read from its source. The message says what was being done and why it failed. */
public class ImportException extends IOException {
    private final String reason;

    public ImportException(String doing, String why) {
        super("while " + doing + ": " + why);
        this.reason = why;
    }

    public ImportException(String doing, String why, Throwable cause) {
        super("while " + doing + ": " + why, cause);
        this.reason = why;
    }

    /**
     * The image (or one of its blobs) is not there: the caller can tell "no such image" from a failure.
     * {@link ImageNotFoundException} and a registry's 404 say so.
     */
    public boolean notFound() {
        return false;
    }

    /** The "why" part of the message alone. */
    public String reason() {
        return reason;
    }
}
