package io.svcctl.nspawn;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A host directory or file bind-mounted into the container ({@code Bind=} / {@code BindReadOnly=}).
 *
 * @param source      absolute, normalized host path
 * @param destination absolute, normalized path inside the container
 * @param options     nspawn's mount options: rbind, norbind, idmap, noidmap, rootidmap
 */
public record Bind(Path source, String destination, boolean readOnly, List<String> options) {
    private static final Set<String> OPTIONS = Set.of("rbind", "norbind", "idmap", "noidmap", "rootidmap");

    public Bind {
        if (source == null || !source.isAbsolute() || !source.normalize().equals(source)) {
            throw new IllegalArgumentException("bind source '" + source + "' must be an absolute, normalized host path");
        }
        if (destination == null || !destination.startsWith("/") || !Path.of(destination).normalize().toString().equals(destination)) {
            throw new IllegalArgumentException("bind destination '" + destination
                    + "' must be an absolute, normalized path in the container");
        }
        options = List.copyOf(options);
        for (String o : options) {
            if (!OPTIONS.contains(o)) {
                throw new IllegalArgumentException("bind option '" + o + "' is not one of " + OPTIONS);
            }
        }
    }

    public static Bind readWrite(Path source, String destination) {
        return new Bind(source, destination, false, List.of());
    }

    public static Bind readOnly(Path source, String destination) {
        return new Bind(source, destination, true, List.of());
    }

    public Bind withOptions(List<String> moreOptions) {
        List<String> all = new java.util.ArrayList<>(options);
        all.addAll(moreOptions);
        return new Bind(source, destination, readOnly, all);
    }
}
