package io.svcctl.rootfs;

import java.util.Locale;

/** An os/architecture[/variant] triple as in OCI image indexes and {@code --platform}. */
public record Platform(String os, String architecture, String variant) {
    public Platform {
        if (os == null || os.isBlank() || architecture == null || architecture.isBlank()) {
            throw new IllegalArgumentException("a platform needs an os and an architecture, as os/arch[/variant]");
        }
        variant = variant == null || variant.isBlank() ? null : variant;
    }

    public static Platform parse(String s) {
        String[] parts = s.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("not a platform: '" + s + "' (want os/arch[/variant], e.g. linux/amd64)");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** The platform of this JVM, in Go's names as registries use them. */
    public static Platform host() {
        String arch = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "arm" -> "arm";
            case "x86", "i386", "i686" -> "386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> System.getProperty("os.arch");
        };
        return new Platform("linux", arch, null);
    }

    /** True when an image built for {@code candidate} runs as {@code this} asks; a missing variant asks for none in particular. */
    public boolean accepts(Platform candidate) {
        return os.equals(candidate.os) && architecture.equals(candidate.architecture)
                && (variant == null || variant.equals(candidate.variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
