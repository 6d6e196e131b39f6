package io.svcctl.manager.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.svcctl.exec.Command;
import io.svcctl.exec.LocalCommandRunner;
import io.svcctl.testhost.ExecResult;
import io.svcctl.testhost.Hosts;
import io.svcctl.testhost.TestHost;
import io.svcctl.testhost.registry.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * kill -9 during an import: nothing that looks like a finished image is left, the partial import stays in
 * incoming/, the next run resumes it (from its last layer snapshot, with the blobs already in the cache), and
 * {@code svcctl gc} removes a dead one nobody resumes.
 */
@Hosts(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportInterruptedIT {
    private static final String BIG = "big";
    private static final String INCOMING = "tank/svcctl/incoming";
    /** Layer sizes: big enough that applying the last one into zfs-fuse takes long enough to be killed. */
    private static final int SMALL_MB = 16;
    private static final int LARGE_MB = 96;

    private static RegistryFixture registry;
    private static String largeSha256;

    @BeforeAll
    static void setUp(TestHost host) throws Exception {
        registry = RegistryFixture.start();
        largeSha256 = pushBigImage();
        host.svcctlOk("init", "--pool", "tank");
        // the busybox base is present, so the big image starts as a clone and its own two layers follow
        host.svcctlOk("import", "docker", registry.ref(TestImages.BUSYBOX), "--tls-verify=false", "--quiet");
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void killedImportLeavesNoImageAndTheNextRunResumesIt(TestHost host) {
        String progress = importAndKillAfterFirstLayerSnapshot(host);
        String shortId = configShortId(progress);

        // nothing finished-looking: no image dataset, not listed; the partial waits in incoming/
        assertThat(ImportIT.children(host, ImportIT.IMAGES)).noneMatch(n -> n.contains("/" + shortId));
        assertThat(host.svcctlOk("images")).doesNotContain(shortId).doesNotContain("/" + BIG + ":");
        assertThat(ImportIT.children(host, INCOMING)).singleElement().asString().contains("/" + shortId);

        ExecResult rerun = rerun(host);
        assertThat(rerun.stderr()).contains("resuming an interrupted import after 2 layer(s)")
                .contains("already downloaded").doesNotContain("downloading");
        assertThat(rerun.stdout()).contains("imported " + shortId).contains("1 layer(s) applied");
        assertThat(ImportIT.children(host, INCOMING)).isEmpty();

        // the layer applied before the kill and the one after both made it whole
        String id = ImportIT.imageId(host, registry.ref(BIG));
        Path rootfs = ImportIT.cloneImage(host, id, "check-big");
        String inside = "/" + host.rootPath().relativize(rootfs);
        assertThat(host.execOk("sha256sum", inside + "/big/large.bin")).startsWith(largeSha256);
        assertThat(host.execOk("stat", "-c", "%s", inside + "/big/small.bin").strip())
                .isEqualTo(Long.toString(SMALL_MB * 1024L * 1024));
        ImportIT.destroyClone(host, "check-big");
    }

    @Test
    @Order(2)
    void gcRemovesADeadImportAndNothingElse(TestHost host) {
        host.svcctlOk("image", "rm", registry.ref(BIG));
        String shortId = configShortId(importAndKillAfterFirstLayerSnapshot(host));
        List<String> imagesBefore = ImportIT.children(host, ImportIT.IMAGES);

        assertThat(host.svcctlOk("gc")).contains("removed incomplete import " + shortId);
        assertThat(ImportIT.children(host, INCOMING)).isEmpty();
        assertThat(ImportIT.children(host, ImportIT.IMAGES)).isEqualTo(imagesBefore);
        assertThat(host.svcctlOk("gc")).contains("nothing to remove");
    }

    private static ExecResult rerun(TestHost host) {
        ExecResult r = host.svcctl("import", "docker", registry.ref(BIG), "--tls-verify=false");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r;
    }

    /**
     * Runs the import in the background inside the host and kills its JVM (the launcher execs java, so $! is
     * it) once the incoming dataset has its first layer snapshot and no blob is still downloading (a layer is
     * applied as soon as its own blob is in, so the snapshot alone does not mean the large blob is), i.e. while
     * the large layer is being applied. Returns the import's progress output.
     */
    private static String importAndKillAfterFirstLayerSnapshot(TestHost host) {
        String script = "/opt/svcctl/bin/svcctl import docker \"$1\" --tls-verify=false >/tmp/big.out 2>&1 & pid=$!\n"
                + "until zfs list -H -t snapshot -o name -r " + INCOMING + " 2>/dev/null | grep -q @ \\\n"
                + "    && ! ls /var/lib/svcctl/cache/blobs/sha256 | grep -q '[.]partial$'; do\n"
                + "  kill -0 $pid 2>/dev/null || { echo 'the import ended before it could be killed'; cat /tmp/big.out; exit 1; }\n"
                + "  sleep 0.05\n"
                + "done\n"
                + "kill -9 $pid; wait $pid; echo \"killed: $?\"; cat /tmp/big.out\n";
        String out = host.execOk("sh", "-c", script, "sh", registry.ref(BIG));
        assertThat(out).contains("killed: 137").doesNotContain("imported");
        return out;
    }

    /** The short config digest from the progress line "resolved REF (platform, N layer(s), config SHORT)". */
    private static String configShortId(String progress) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("config ([0-9a-f]{12})\\)").matcher(progress);
        assertThat(m.find()).as("a 'resolved' line in:\n" + progress).isTrue();
        return m.group(1);
    }

    /**
     * Adds "big" to the fixture's layout (busybox plus a small and a large layer of random bytes, which gzip
     * cannot shrink) and pushes it; returns the large file's sha256.
     */
    private static String pushBigImage() throws Exception {
        Path layout = registry.images.layout();
        Path stage = Files.createTempDirectory("svcctl-it-big");
        Path small = Files.createDirectories(stage.resolve("small")).resolve("small.bin");
        Path large = Files.createDirectories(stage.resolve("large")).resolve("large.bin");
        random(small, SMALL_MB, 1);
        String sha = random(large, LARGE_MB, 2);
        LocalCommandRunner runner = new LocalCommandRunner();
        Duration timeout = Duration.ofMinutes(3);
        runner.run(Command.of("umoci", "insert", "--image", layout + ":" + TestImages.BUSYBOX, "--tag", BIG,
                small.getParent().toString(), "/big").withTimeout(timeout));
        runner.run(Command.of("umoci", "insert", "--image", layout + ":" + BIG, large.getParent().toString(), "/big")
                .withTimeout(timeout));
        runner.run(Command.of("skopeo", "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false",
                "oci:" + layout + ":" + BIG, "docker://" + registry.ref(BIG)).withTimeout(timeout));
        return sha;
    }

    private static String random(Path file, int megabytes, long seed) throws IOException {
        Random random = new Random(seed);
        MessageDigest sha = io.svcctl.rootfs.Digest.newSha256();
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < megabytes; i++) {
                random.nextBytes(buf);
                sha.update(buf);
                out.write(buf);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
