package io.svcctl.zfs;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandFailedException;
import io.svcctl.exec.CommandRunner;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the host's ZFS userland can do. {@link #probe} asks {@code zfs version} (OpenZFS 0.8 and later)
 * and, when that command does not exist, {@code zpool upgrade -v}, which names the pool version of
 * older userlands such as zfs-fuse. Code asks {@link #has} or {@link #require} rather than guessing.
 */
public final class ZfsCapabilities {

    public enum Userland {
        OPENZFS,
        /** A pool-version userland on Linux without {@code zfs version}: zfs-fuse. */
        ZFS_FUSE,
        /** ZFS on Linux before 0.8: pool feature flags, but no {@code zfs version}. */
        ZFS_ON_LINUX_BEFORE_0_8
    }

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern USERLAND_LINE = Pattern.compile("zfs-(?!kmod-)(.*)");
    private static final Pattern KMOD_LINE = Pattern.compile("zfs-kmod-(.*)");
    private static final Pattern POOL_VERSION = Pattern.compile("currently running ZFS pool version (\\d+)");

    private final Userland userland;
    private final ZfsVersion userlandVersion;
    private final ZfsVersion kernelVersion;
    private final int poolVersion;
    private final Set<ZfsFeature> features;

    private ZfsCapabilities(Userland userland, ZfsVersion userlandVersion, ZfsVersion kernelVersion, int poolVersion) {
        this.userland = userland;
        this.userlandVersion = userlandVersion;
        this.kernelVersion = kernelVersion;
        this.poolVersion = poolVersion;
        EnumSet<ZfsFeature> has = EnumSet.noneOf(ZfsFeature.class);
        if (userland == Userland.OPENZFS) {
            for (ZfsFeature feature : ZfsFeature.values()) {
                // idmapped mounts are done by the kernel module, which may be older than the tools
                ZfsVersion relevant = feature == ZfsFeature.IDMAPPED_MOUNTS && kernelVersion != null
                        ? kernelVersion : userlandVersion;
                if (relevant.isAtLeast(feature.requirement().minimum)) {
                    has.add(feature);
                }
            }
        }
        this.features = has;
    }

    /** OpenZFS with these userland and (when known) kernel-module versions. */
    public static ZfsCapabilities openZfs(ZfsVersion userland, Optional<ZfsVersion> kernelModule) {
        return new ZfsCapabilities(Userland.OPENZFS, userland, kernelModule.orElse(null), -1);
    }

    /** The zfs-fuse userland at this pool version (23 for Debian's zfs-fuse). */
    public static ZfsCapabilities zfsFuse(int poolVersion) {
        return new ZfsCapabilities(Userland.ZFS_FUSE, null, null, poolVersion);
    }

    /** Asks the host, through {@code runner}. */
    public static ZfsCapabilities probe(CommandRunner runner) {
        String versionOutput;
        try {
            versionOutput = runner.run(probeCommand("zfs", "version")).stdoutText();
        } catch (CommandFailedException e) {
            if (e.reason() == CommandFailedException.Reason.COULD_NOT_START) {
                throw ZfsErrors.classify("finding out which ZFS this host runs", e);
            }
            // OpenZFS prints its own version but fails when the kernel module is not loaded
            versionOutput = e.stdoutText();
        }
        Optional<ZfsCapabilities> openZfs = fromZfsVersion(versionOutput);
        if (openZfs.isPresent()) {
            return openZfs.get();
        }
        String upgradeOutput;
        try {
            upgradeOutput = runner.run(probeCommand("zpool", "upgrade", "-v")).stdoutText();
        } catch (CommandFailedException e) {
            throw ZfsErrors.classify("finding out which ZFS this host runs (`zfs version` is unknown here)", e);
        }
        return fromZpoolUpgrade(upgradeOutput).orElseThrow(() -> new ZfsException(ZfsException.Kind.UNAVAILABLE,
                "while finding out which ZFS this host runs: neither `zfs version` nor `zpool upgrade -v`"
                        + " gave a recognisable answer; install OpenZFS (zfsutils-linux) or zfs-fuse", null));
    }

    private static Command probeCommand(String... argv) {
        return Command.of(argv).withEnv("LC_ALL", "C").withTimeout(PROBE_TIMEOUT);
    }

    /** Reads the output of {@code zfs version}: "zfs-2.1.11-1" and, with the module loaded, "zfs-kmod-2.1.11-1". */
    static Optional<ZfsCapabilities> fromZfsVersion(String stdout) {
        ZfsVersion userland = null;
        ZfsVersion kernel = null;
        for (String line : stdout.strip().lines().toList()) {
            String text = line.strip();
            Matcher kmod = KMOD_LINE.matcher(text);
            Matcher user = USERLAND_LINE.matcher(text);
            if (kmod.matches()) {
                kernel = ZfsVersion.parseLeading(kmod.group(1)).orElse(kernel);
            } else if (user.matches()) {
                userland = ZfsVersion.parseLeading(user.group(1)).orElse(userland);
            }
        }
        if (userland == null) {
            return Optional.empty();
        }
        return Optional.of(openZfs(userland, Optional.ofNullable(kernel)));
    }

    /** Reads the output of {@code zpool upgrade -v} from a userland without {@code zfs version}. */
    static Optional<ZfsCapabilities> fromZpoolUpgrade(String stdout) {
        Matcher m = POOL_VERSION.matcher(stdout);
        if (m.find()) {
            return Optional.of(zfsFuse(Integer.parseInt(m.group(1))));
        }
        if (stdout.contains("supports ZFS pool feature flags")) {
            return Optional.of(new ZfsCapabilities(Userland.ZFS_ON_LINUX_BEFORE_0_8, null, null, -1));
        }
        return Optional.empty();
    }

    public Userland userland() {
        return userland;
    }

    public Optional<ZfsVersion> userlandVersion() {
        return Optional.ofNullable(userlandVersion);
    }

    public Optional<ZfsVersion> kernelModuleVersion() {
        return Optional.ofNullable(kernelVersion);
    }

    /** The highest pool version a pool-version userland supports; empty for feature-flag userlands. */
    public OptionalInt poolVersion() {
        return poolVersion < 0 ? OptionalInt.empty() : OptionalInt.of(poolVersion);
    }

    public boolean has(ZfsFeature feature) {
        return features.contains(feature);
    }

    /** @throws UnsupportedZfsFeatureException naming the feature, what it needs and what this host runs */
    public void require(ZfsFeature feature) {
        if (!has(feature)) {
            throw new UnsupportedZfsFeatureException(feature, describe());
        }
    }

    /** E.g. "OpenZFS 2.1.11 (kernel module 2.2.0)" or "zfs-fuse (pool version 23)". */
    public String describe() {
        switch (userland) {
            case OPENZFS:
                return "OpenZFS " + userlandVersion
                        + (kernelVersion == null ? " (kernel module version unknown)"
                        : kernelVersion.equals(userlandVersion) ? "" : " (kernel module " + kernelVersion + ")");
            case ZFS_FUSE:
                return "zfs-fuse (pool version " + poolVersion + ")";
            default:
                return "ZFS on Linux before 0.8";
        }
    }

    @Override
    public String toString() {
        return describe() + " " + features;
    }
}
