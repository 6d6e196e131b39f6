package io.svcctl.rootfs;

import java.time.Instant;
import java.util.Map;

/**
 * One tar entry's header, after PAX and GNU long-name records were merged in.
 *
 * @param name     the entry name, valid UTF-8
 * @param kind     one of REGULAR, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO
 * @param linkName symlink content or hardlink target ("" when none)
 * @param mode     permission and setuid/setgid/sticky bits (07777)
 * @param size     content bytes that follow (0 for every kind but REGULAR)
 * @param atime    access time, or null when the tar has none
 * @param xattrs   extended attributes with their values byte for byte
 */
record TarEntry(String name, EntryKind kind, String linkName, int mode, long uid, long gid, long size,
                Instant mtime, Instant atime, int devMajor, int devMinor, Map<String, byte[]> xattrs) {
}
