package io.svcctl.zfs;

/** A dataset, snapshot, pool, property or hold name that zfs would reject or that could be misread on a command line. */
public final class InvalidZfsNameException extends IllegalArgumentException {

    InvalidZfsNameException(String kind, String name, String why) {
        super("invalid " + kind + " name " + NameCheck.forMessage(name) + ": " + why);
    }
}
