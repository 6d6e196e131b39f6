package io.svcctl.rootfs;

/** What a layer entry is, as the applier understood it. */
public enum EntryKind {
    REGULAR, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO, WHITEOUT, OPAQUE_WHITEOUT
}
