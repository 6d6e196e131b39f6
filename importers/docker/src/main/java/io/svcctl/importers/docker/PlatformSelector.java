package io.svcctl.importers.docker;

import io.svcctl.rootfs.Platform;
import java.util.List;
import java.util.Optional;

/** Picks the manifest for a platform out of an index, as {@code docker pull --platform} does. */
final class PlatformSelector {
    private PlatformSelector() {
    }

    /** The first entry (index order is the author's preference) whose platform runs as {@code wanted}. */
    static Manifest.Entry select(Manifest.Index index, Platform wanted, String what) throws ImageNotFoundException {
        Platform normalizedWanted = normalize(wanted);
        for (Manifest.Entry entry : index.manifests()) {
            Optional<Platform> platform = entry.platform();
            if (platform.isPresent() && normalizedWanted.accepts(normalize(platform.get()))) {
                return entry;
            }
        }
        List<String> available = available(index);
        throw new ImageNotFoundException("choosing a platform from the " + what,
                "it has no image for " + wanted + "; it has "
                        + (available.isEmpty() ? "no platform-specific images" : String.join(", ", available))
                        + " (pick one with --platform os/arch[/variant])");
    }

    static List<String> available(Manifest.Index index) {
        return index.manifests().stream()
                .flatMap(e -> e.platform().stream())
                // attestation manifests (buildx) are entered as unknown/unknown: not a choice to offer
                .filter(p -> !p.os().equals("unknown"))
                .map(Platform::toString)
                .distinct()
                .toList();
    }

    // arm64 has one variant in practice, so an index that leaves it out means v8 (Docker treats them alike)
    private static Platform normalize(Platform p) {
        if (p.architecture().equals("arm64") && p.variant() == null) {
            return new Platform(p.os(), p.architecture(), "v8");
        }
        return p;
    }
}
