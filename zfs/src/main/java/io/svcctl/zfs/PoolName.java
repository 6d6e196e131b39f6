package io.svcctl.zfs;

/**
 * A pool name: begins with a letter; letters, digits and {@code _ - . :}; not a vdev keyword
 * (mirror, raidz, draid, spare, log) nor disk-like ({@code c0...}).
 */
public record PoolName(String value) {

    // libzfs keeps room for "/$ORIGIN" twice inside a dataset name
    static final int MAX_LENGTH = 239;

    private static final String KIND = "pool";

    public PoolName {
        NameCheck.length(KIND, value, MAX_LENGTH);
        check(KIND, value, value);
    }

    /** Checks the pool part of {@code whole}, a name of {@code kind}. */
    static void check(String kind, String whole, String pool) {
        if (pool.isEmpty()) {
            throw new InvalidZfsNameException(kind, whole, "it must start with a pool name");
        }
        NameCheck.chars(kind, whole, pool);
        char first = pool.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            throw new InvalidZfsNameException(kind, whole, "a pool name must begin with a letter");
        }
        for (String keyword : new String[] {"mirror", "raidz", "draid", "spare"}) {
            if (pool.startsWith(keyword)) {
                throw new InvalidZfsNameException(kind, whole, "pool names starting with '" + keyword + "' are reserved");
            }
        }
        if (pool.equals("log")) {
            throw new InvalidZfsNameException(kind, whole, "'log' is reserved");
        }
        if (pool.length() > 1 && first == 'c' && Character.isDigit(pool.charAt(1))) {
            throw new InvalidZfsNameException(kind, whole, "pool names like c0... are reserved for disks");
        }
    }

    public static PoolName parse(String value) {
        return new PoolName(value);
    }

    /** The pool's root dataset. */
    public DatasetName rootDataset() {
        return new DatasetName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
