package io.svcctl.rootfs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes a blob through while hashing and counting it; at end of stream the digest and size must match,
 * else {@link BlobVerificationException}. Reading past the declared size fails at once, so a hostile
 * source cannot feed an endless stream. Callers must read to EOF (tar readers stop early: drain them).
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final Descriptor expected;
    private final MessageDigest md;
    private long count;
    private boolean verified;

    /** Verifies a whole blob. */
    public VerifyingInputStream(InputStream in, Descriptor expected) {
        this(in, expected, expected.digest().newMessageDigest(), 0);
    }

    /** Continues a verification whose first {@code alreadyRead} bytes were hashed into {@code md} already (resumed downloads). */
    public VerifyingInputStream(InputStream in, Descriptor expected, MessageDigest md, long alreadyRead) {
        super(in);
        this.expected = expected;
        this.md = md;
        this.count = alreadyRead;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            finish();
        } else {
            md.update((byte) b);
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
            finish();
        } else {
            md.update(buf, off, n);
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void advance(long n) throws IOException {
        count += n;
        if (count > expected.size()) {
            throw new BlobVerificationException("blob " + expected.digest() + " is longer than the "
                    + expected.size() + " bytes its descriptor declares");
        }
    }

    private void finish() throws IOException {
        if (verified) {
            return;
        }
        if (count != expected.size()) {
            throw new BlobVerificationException("blob " + expected.digest() + " ended after " + count
                    + " bytes, but its descriptor declares " + expected.size());
        }
        Digest actual = Digest.of(md);
        if (!actual.equals(expected.digest())) {
            throw new BlobVerificationException("blob content does not match its digest: expected "
                    + expected.digest() + ", got " + actual);
        }
        verified = true;
    }

    /** Bytes read so far, including those hashed before a resume. */
    public long count() {
        return count;
    }
}
