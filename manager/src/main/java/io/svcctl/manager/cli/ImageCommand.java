package io.svcctl.manager.cli;

import io.svcctl.manager.Host;
import io.svcctl.manager.store.ImageRecord;
import io.svcctl.manager.store.ImageStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Inspect or remove images.",
        subcommands = {ImageCommand.Inspect.class, ImageCommand.Remove.class})
final class ImageCommand {
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Show an image: id, references, platform, layers, space, origin (always JSON).")
    static final class Inspect implements Callable<Integer> {
        @Parameters(paramLabel = "IMAGE", description = "Image id (12+ hex digits) or reference.")
        String image;

        @Override
        public Integer call() {
            try (Host host = Host.local()) {
                Output.stdout().json(host.images().find(image, ImageRefs::normalize));
                return 0;
            }
        }
    }

    @Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true,
            description = {"Remove an image. Refused while a service uses it.",
                "Images built on its layers keep them: they are promoted to own the shared snapshots."})
    static class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "IMAGE", description = "Image id (12+ hex digits) or reference.")
        String image;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (Host host = Host.local()) {
                ImageStore store = host.images();
                ImageRecord record = store.find(image, ImageRefs::normalize);
                ImageStore.RemoveResult result = store.remove(record);
                Output out = Output.stdout();
                if (json) {
                    out.json(result);
                } else {
                    result.promoted().forEach(p -> out.line("promoted " + p.substring(0, 12) + " to keep the layers it shares"));
                    out.line("removed " + record.shortId());
                }
                return 0;
            }
        }
    }

    /** Docker's spelling of 'image rm'. */
    @Command(name = "rmi", mixinStandardHelpOptions = true,
            description = {"Remove an image (the same as 'svcctl image rm').",
                "Refused while a service uses it; images built on its layers are promoted to keep them."})
    static final class Rmi extends Remove {
    }
}
