package io.svcctl.manager.systemd;

import java.util.Objects;

/**
 * One file-system change made by enabling or disabling unit files.
 *
 * @param type        symlink or unlink (newer systemd versions report more kinds)
 * @param file        the symlink created or removed
 * @param destination what a created symlink points to; empty for unlink
 */
public record UnitFileChange(String type, String file, String destination) {

    public UnitFileChange {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(destination, "destination");
    }
}
