package io.svcctl.rootfs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:<64 hex>}, validated when parsed; nothing deeper takes a raw string. */
public record Digest(String algorithm, String hex) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA512 = Pattern.compile("[0-9a-f]{128}");

    public Digest {
        switch (algorithm) {
            case "sha256" -> require(SHA256, hex, algorithm);
            case "sha512" -> require(SHA512, hex, algorithm);
            default -> throw new IllegalArgumentException("unsupported digest algorithm '" + algorithm + "' (sha256 and sha512 are)");
        }
    }

    private static void require(Pattern p, String hex, String algorithm) {
        if (hex == null || !p.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a " + algorithm + " digest: '" + hex + "'");
        }
    }

    public static Digest parse(String s) {
        int colon = s == null ? -1 : s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a digest (want algorithm:hex): '" + s + "'");
        }
        return new Digest(s.substring(0, colon), s.substring(colon + 1));
    }

    public static Digest sha256(byte[] data) {
        return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(data)));
    }

    public static Digest of(MessageDigest finished) {
        String algo = finished.getAlgorithm().replace("-", "").toLowerCase();
        return new Digest(algo, HexFormat.of().formatHex(finished.digest()));
    }

    public MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first 12 hex characters, as Docker shows image IDs. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    // Written out, as in every record compared or hashed on a command's way: a record's generated equals and
    // hashCode build method handles on first use, 1-12 ms of a fresh JVM each (docs/performance.md).
    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && algorithm.equals(d.algorithm) && hex.equals(d.hex);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + hex.hashCode();
    }
}
