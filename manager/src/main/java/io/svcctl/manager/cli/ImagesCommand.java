package io.svcctl.manager.cli;

import io.svcctl.manager.Host;
import io.svcctl.manager.store.ImageRecord;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "images", mixinStandardHelpOptions = true,
        description = {"List the images in the store.",
            "SIZE is the image's whole tree; OWN is what only it uses: images that share base layers share",
            "their blocks, so OWN is small for an image built on one already present."})
final class ImagesCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print the images as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Host host = Host.local()) {
            List<ImageRecord> images = host.images().list();
            Output out = Output.stdout();
            if (json) {
                out.json(images);
                return 0;
            }
            out.table(List.of("ID", "REFERENCE", "PLATFORM", "LAYERS", "SIZE", "OWN", "CREATED"),
                    images.stream().map(i -> List.of(i.shortId(),
                            i.references().isEmpty() ? "<none>" : String.join(",", i.references()),
                            i.platform(), Integer.toString(i.layers()), Output.bytes(i.referencedBytes()),
                            Output.bytes(i.usedBytes()), i.created() == null ? "-"
                                    : i.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())).toList());
            return 0;
        }
    }
}
