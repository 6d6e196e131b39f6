package io.svcctl.rootfs;

/**
 * What one layer application did.
 *
 * @param entries      tar entries applied (whiteouts included)
 * @param contentBytes bytes of regular-file content written
 * @param skipped      entries or attributes left out (see {@link ApplyEvent.Skipped})
 */
public record ApplyStats(long entries, long contentBytes, long skipped) {
}
