package io.svcctl.manager.cli;

import io.svcctl.manager.Host;
import io.svcctl.manager.service.Limits;
import io.svcctl.manager.store.StoreInit;
import io.svcctl.zfs.DatasetName;
import io.svcctl.zfs.PoolName;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {
            "Prepare this host: find or create the pool and the svcctl dataset layout.",
            "Use an existing pool with --pool, or let svcctl make a file-backed pool with --file and --size.",
            "Running it again changes nothing."},
        footer = {"", "Examples:",
            "  svcctl init --pool tank",
            "  svcctl init --pool svcctl --file /var/lib/svcctl.img --size 20G"})
final class InitCommand implements Callable<Integer> {
    @Option(names = "--pool", required = true, paramLabel = "POOL",
            description = "The pool to use (or to create, with --file).")
    String pool;

    @Option(names = "--file", paramLabel = "PATH", description = "Create the pool in this file (sparse).")
    Path file;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "20G",
            description = "Size of the pool file (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--root", paramLabel = "DATASET", description = "Root dataset (default: POOL/svcctl).")
    String root;

    @Option(names = "--mountpoint", paramLabel = "DIR", defaultValue = "/var/lib/svcctl",
            description = "Where the root dataset is mounted (default: ${DEFAULT-VALUE}).")
    Path mountpoint;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Host host = Host.local()) {
            StoreInit.Result result = new StoreInit(host.zfs()).init(new StoreInit.Request(PoolName.parse(pool), file,
                    Limits.parseSize(size), root == null ? null : DatasetName.parse(root), mountpoint));
            result.settings().save(host.settingsFile());
            Output out = Output.stdout();
            if (json) {
                out.json(result);
            } else {
                result.created().forEach(c -> out.line("created " + c));
                out.line("svcctl root " + result.settings().root() + " at " + result.settings().mountpoint()
                        + " (" + result.zfs() + ")");
            }
            return 0;
        }
    }
}
