package io.svcctl.rootfs;

/**
 * One filesystem layer: the blob as stored or transferred (possibly compressed) and the digest of its
 * uncompressed tar (the diff id), which names it in chain ids.
 */
public record Layer(Descriptor blob, Digest diffId) {
}
