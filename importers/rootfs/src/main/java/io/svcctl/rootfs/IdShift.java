package io.svcctl.rootfs;

/**
 * Ownership shift for user-namespaced services: every owner in a layer becomes {@code base + id}, and ids
 * must lie below {@code size} so the tree stays inside the service's range (an id past it would land in
 * another service's range). {@link #NONE} keeps owners as the layer says.
 *
 * @param base the first host id of the range (0 = no shift)
 * @param size how many ids the range holds (systemd-nspawn's {@code --private-users=BASE:SIZE})
 */
public record IdShift(long base, long size) {
    /** uid_t/gid_t are 32 bits and the all-ones value means "unchanged" to chown: it is never a real id. */
    private static final long ID_LIMIT = 0xffff_ffffL;

    public static final IdShift NONE = new IdShift(0, ID_LIMIT);

    public IdShift {
        if (base < 0 || size < 1 || base + size > ID_LIMIT) {
            throw new IllegalArgumentException("invalid id range " + base + ":" + size
                    + " (want BASE:SIZE with BASE >= 0, SIZE >= 1 and BASE+SIZE <= " + ID_LIMIT + ")");
        }
    }

    /** The usual user-namespace range of 65536 ids starting at {@code base}. */
    public static IdShift of(long base) {
        return new IdShift(base, 65536);
    }

    public boolean shifts() {
        return base != 0;
    }

    /** The host id for {@code id}; throws when it lies outside the range, with {@code what} (e.g. "uid") in the message. */
    long map(long id, String what) {
        if (id < 0 || id >= size) {
            throw new IllegalArgumentException(what + " " + id + " is outside the id range 0.." + (size - 1)
                    + (shifts() ? " of the user namespace starting at host id " + base : ""));
        }
        return base + id;
    }
}
