package io.svcctl.manager.store;

import io.svcctl.manager.Settings;
import io.svcctl.manager.SvcctlException;
import io.svcctl.zfs.DatasetName;
import io.svcctl.zfs.PoolName;
import io.svcctl.zfs.PropertyName;
import io.svcctl.zfs.Zfs;
import io.svcctl.zfs.ZfsFeature;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code svcctl init}: finds or makes the pool and the dataset layout. Running it again changes nothing. */
public final class StoreInit {
    /**
     * Where image trees are shifted to when the storage cannot map IDs (zfs-fuse, OpenZFS before 2.2): the last
     * range of systemd's container range, the one its own "pick" reaches last.
     */
    public static final long SHIFTED_UID_BASE = 0x6FFF0000L;

    /**
     * @param pool       an existing pool, or the name of the file-backed pool to make
     * @param file       when set, the pool lives in this file (created sparse at {@code fileSize} bytes)
     * @param root       the root dataset; default {@code <pool>/svcctl}
     * @param mountpoint where the root dataset is mounted
     */
    public record Request(PoolName pool, Path file, long fileSize, DatasetName root, Path mountpoint) {
    }

    /** What init found and did, for the CLI to show. */
    public record Result(Settings settings, List<String> created, String zfs) {
    }

    private final Zfs zfs;

    public StoreInit(Zfs zfs) {
        this.zfs = zfs;
    }

    public Result init(Request req) {
        List<String> created = new ArrayList<>();
        boolean poolPresent = zfs.pools().stream().anyMatch(p -> p.name().equals(req.pool()));
        if (!poolPresent) {
            if (req.file() == null) {
                throw new SvcctlException(SvcctlException.Kind.NOT_FOUND, "while initializing: there is no pool '"
                        + req.pool() + "' (see 'zpool list'); name an existing one with --pool, or let svcctl make "
                        + "a file-backed one with --file PATH --size 20G");
            }
            makePoolFile(req.file(), req.fileSize());
            zfs.createPool(req.pool(), List.of(req.file()), Map.of());
            created.add("pool " + req.pool() + " on " + req.file());
        }
        DatasetName root = req.root() != null ? req.root() : DatasetName.parse(req.pool() + "/svcctl");
        if (!root.pool().equals(req.pool())) {
            throw new IllegalArgumentException("root dataset " + root + " is not in pool " + req.pool());
        }
        if (!zfs.exists(root)) {
            zfs.createWithParents(root, Map.of(PropertyName.MOUNTPOINT, req.mountpoint().toString()));
            created.add("dataset " + root + " at " + req.mountpoint());
        }
        StorageLayout layout = new StorageLayout(root);
        for (DatasetName child : List.of(layout.images(), layout.incoming(), layout.services(), layout.tenants(),
                layout.cache())) {
            if (!zfs.exists(child)) {
                zfs.create(child, Map.of());
                created.add("dataset " + child);
            }
        }
        String mounted = zfs.get(root, PropertyName.MOUNTPOINT).value(PropertyName.MOUNTPOINT)
                .orElse(req.mountpoint().toString());
        long shift = zfs.capabilities().has(ZfsFeature.IDMAPPED_MOUNTS) ? 0 : SHIFTED_UID_BASE;
        return new Result(new Settings(root.toString(), mounted, shift), created, zfs.capabilities().describe());
    }

    private static void makePoolFile(Path file, long size) {
        if (!file.isAbsolute()) {
            throw new IllegalArgumentException("--file must be an absolute path, not " + file);
        }
        if (Files.exists(file)) {
            throw new SvcctlException(SvcctlException.Kind.CONFLICT, "while making a pool file: " + file
                    + " exists already and holds no imported pool; import it with 'zpool import' or choose another path");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(size); // sparse: blocks are allocated as the pool fills
            }
        } catch (IOException e) {
            throw new SvcctlException(SvcctlException.Kind.FAILED, "while making pool file " + file + ": " + e.getMessage(), e);
        }
    }
}
