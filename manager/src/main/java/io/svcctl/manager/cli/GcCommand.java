package io.svcctl.manager.cli;

import io.svcctl.manager.Host;
import io.svcctl.manager.store.ImageStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gc", mixinStandardHelpOptions = true,
        header = "Remove dead imports and, with --layers, unneeded layer snapshots.",
        description = {"Remove what nothing needs: imports that died half-way (and are not running now),",
            "and with --layers the per-layer snapshots that no image or service is cloned from",
            "(they only let later imports share base layers). Images, services and volumes are never touched."})
final class GcCommand implements Callable<Integer> {
    @Option(names = "--layers", description = "Also destroy layer snapshots nothing is cloned from.")
    boolean layers;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Host host = Host.local()) {
            ImageStore.GcResult result = host.images().gc(layers);
            Output out = Output.stdout();
            if (json) {
                out.json(result);
            } else {
                result.incomplete().forEach(i -> out.line("removed incomplete import " + i.substring(0, 12)));
                result.layerSnapshots().forEach(s -> out.line("destroyed " + s));
                if (result.incomplete().isEmpty() && result.layerSnapshots().isEmpty()) {
                    out.line("nothing to remove");
                }
            }
            return 0;
        }
    }
}
