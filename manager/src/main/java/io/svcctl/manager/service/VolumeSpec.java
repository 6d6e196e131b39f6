package io.svcctl.manager.service;

import java.util.regex.Pattern;

/**
 * {@code --volume NAME:/path[:seed]}: a child dataset of the service mounted at {@code path} in the container,
 * created empty, or seeded with what the image holds at that path.
 */
public record VolumeSpec(String name, String path, boolean seed) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

    public VolumeSpec {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("volume name '" + name
                    + "' must be 1-63 of a-z 0-9 _ . - starting with a letter or digit");
        }
        path = ContainerPath.normalize(path, "volume " + name);
        if (path.equals("/")) {
            throw new IllegalArgumentException("volume " + name + " cannot cover the container's whole root");
        }
    }

    public static VolumeSpec parse(String s) {
        String[] parts = s.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].equals("seed"))) {
            throw new IllegalArgumentException("not a volume: '" + s + "' (want NAME:/path or NAME:/path:seed)");
        }
        return new VolumeSpec(parts[0], parts[1], parts.length == 3);
    }
}
