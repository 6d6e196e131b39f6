package io.svcctl.manager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The two ways svcctl writes files on the host: whole or not at all, and owned by a container's shifted root. */
public final class HostFiles {
    private HostFiles() {
    }

    /** Writes {@code content} beside {@code file} and renames it into place: readers see the old or the new file. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Gives a directory svcctl made to the container's root when trees are shifted by {@code uidShift}
     * (0: no shift, nothing to do).
     */
    public static void ownByShiftedRoot(Path dir, long uidShift) throws IOException {
        if (uidShift != 0) {
            Files.setAttribute(dir, "unix:uid", (int) uidShift);
            Files.setAttribute(dir, "unix:gid", (int) uidShift);
        }
    }
}
