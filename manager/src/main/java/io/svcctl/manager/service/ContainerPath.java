package io.svcctl.manager.service;

import java.util.ArrayList;
import java.util.List;

/** Absolute paths inside a container, normalized; no {@code ..}, no control characters. */
final class ContainerPath {
    private ContainerPath() {
    }

    static String normalize(String path, String what) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException(what + ": path must be absolute, not '" + path + "'");
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ':')) {
            throw new IllegalArgumentException(what + ": path '" + path.replaceAll("\\p{Cntrl}", "?")
                    + "' holds a control character or ':'");
        }
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                throw new IllegalArgumentException(what + ": path '" + path + "' must not contain '..'");
            }
            parts.add(p);
        }
        return "/" + String.join("/", parts);
    }
}
