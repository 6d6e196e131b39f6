package io.svcctl.importers.docker;

/** A registry answered with an error status. */
public class RegistryException extends ImportException {
    private final int status;

    public RegistryException(String doing, int status, String why) {
        super(doing, why);
        this.status = status;
    }

    @Override
    public boolean notFound() {
        return status == 404;
    }

    /** The HTTP status the registry answered with. */
    public int status() {
        return status;
    }
}
