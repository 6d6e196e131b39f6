package io.svcctl.testhost.registry;

import io.svcctl.exec.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test images made without the internet, from Debian's busybox-static, with umoci; pushed with skopeo.
 * <ul>
 *   <li>{@value #BUSYBOX}: one layer, /bin/busybox with sh and httpd links and /www/index.html;
 *       Cmd {@code httpd -f -p 80 -h /www}, port 80/tcp, linux/amd64</li>
 *   <li>{@value #LAYERED}: busybox plus four layers: /etc/a.conf and /etc/b.conf; /data/x, /data/y and
 *       /data/sub/z; a whiteout of /etc/a.conf; /data made opaque with only /data/new in it</li>
 *   <li>{@value #SHAREDBASE}: the five layers of layered plus one with /srv/extra.txt</li>
 *   <li>{@value #MULTI}: an index of linux/amd64 (busybox) and linux/arm64 (the same layer, an arm64 config)</li>
 * </ul>
 */
public final class TestImages {
    public static final String BUSYBOX = "busybox";
    public static final String LAYERED = "layered";
    public static final String SHAREDBASE = "sharedbase";
    public static final String MULTI = "multi";
    public static final int BUSYBOX_LAYERS = 1;
    public static final int LAYERED_LAYERS = 5;
    public static final int SHAREDBASE_LAYERS = 6;
    /** What /www/index.html of the busybox image says. */
    public static final String INDEX_HTML = "svcctl test image\n";

    private static final String ARM64 = "busybox-arm64";

    private final CommandRunner runner;
    private final Path workDir;
    private Path layout;
    private Path multiLayout;

    public TestImages(CommandRunner runner, Path workDir) {
        this.runner = runner;
        this.workDir = workDir;
    }

    /** The OCI layout holding busybox, layered, sharedbase and busybox-arm64 as tags; built on first use. */
    public synchronized Path layout() throws IOException {
        if (layout == null) {
            layout = build();
        }
        return layout;
    }

    /** An OCI layout whose one entry, tagged {@value #MULTI}, is a two-platform image index. */
    public synchronized Path multiPlatformLayout() throws IOException {
        if (multiLayout == null) {
            multiLayout = buildMulti(layout());
        }
        return multiLayout;
    }

    /** Pushes busybox, layered, sharedbase and multi to {@code registry} as {@code NAME:latest}. */
    public void push(LocalRegistry registry) throws IOException {
        for (String tag : List.of(BUSYBOX, LAYERED, SHAREDBASE)) {
            copy(registry, "oci:" + layout() + ":" + tag, tag, false);
        }
        copy(registry, "oci:" + multiPlatformLayout() + ":" + MULTI, MULTI, true);
    }

    /** Writes a {@code docker save}-style archive of one of the layout's tags, tagged {@code NAME:latest} inside. */
    public Path dockerArchive(String tag) throws IOException {
        Path archive = workDir.resolve(tag + ".docker.tar");
        Files.deleteIfExists(archive);
        Tools.require("skopeo", "skopeo");
        Tools.run(runner, "skopeo", "--insecure-policy", "copy", "--quiet", "oci:" + layout() + ":" + tag,
                "docker-archive:" + archive + ":" + tag + ":latest");
        return archive;
    }

    private void copy(LocalRegistry registry, String from, String name, boolean all) {
        Tools.require("skopeo", "skopeo");
        List<String> argv = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "--quiet",
                "--dest-tls-verify=false"));
        registry.credentials().ifPresent(c -> argv.addAll(List.of("--dest-creds", c)));
        if (all) {
            argv.add("--all");
        }
        argv.add(from);
        argv.add("docker://" + registry.address() + "/" + name + ":latest");
        Tools.run(runner, argv.toArray(String[]::new));
    }

    private Path build() throws IOException {
        Tools.require("umoci", "umoci");
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new IllegalStateException("the test images need /bin/busybox: apt-get install busybox-static");
        }
        Path oci = workDir.resolve("layout");
        Path stage = workDir.resolve("stage");
        deleteTree(oci);
        deleteTree(stage);
        umoci("init", "--layout", oci.toString());
        umoci("new", "--image", oci + ":" + BUSYBOX);

        // unpack the empty image, fill its rootfs, repack: one layer with plain relative names
        Path bundle = stage.resolve("bundle");
        umoci("unpack", "--image", oci + ":" + BUSYBOX, bundle.toString());
        Path rootfs = bundle.resolve("rootfs");
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(busybox, bin.resolve("busybox"));
        Files.createSymbolicLink(bin.resolve("sh"), Path.of("busybox"));
        Files.createSymbolicLink(bin.resolve("httpd"), Path.of("busybox"));
        Path www = Files.createDirectories(rootfs.resolve("www"));
        Files.writeString(www.resolve("index.html"), INDEX_HTML);
        umoci("repack", "--image", oci + ":" + BUSYBOX, bundle.toString());
        umoci("config", "--image", oci + ":" + BUSYBOX, "--os", "linux", "--architecture", "amd64",
                "--config.env", "PATH=/bin", "--config.workingdir", "/", "--config.exposedports", "80/tcp",
                "--config.cmd", "httpd", "--config.cmd", "-f", "--config.cmd", "-p", "--config.cmd", "80",
                "--config.cmd", "-h", "--config.cmd", "/www");
        umoci("config", "--image", oci + ":" + BUSYBOX, "--tag", ARM64, "--architecture", "arm64");

        Path etc = Files.createDirectories(stage.resolve("etc"));
        Files.writeString(etc.resolve("a.conf"), "a\n");
        Files.writeString(etc.resolve("b.conf"), "b\n");
        umoci("insert", "--image", oci + ":" + BUSYBOX, "--tag", LAYERED, etc.toString(), "/etc");
        Path data = Files.createDirectories(stage.resolve("data/sub"));
        Files.writeString(data.resolveSibling("x"), "x\n");
        Files.writeString(data.resolveSibling("y"), "y\n");
        Files.writeString(data.resolve("z"), "z\n");
        umoci("insert", "--image", oci + ":" + LAYERED, data.getParent().toString(), "/data");
        umoci("insert", "--image", oci + ":" + LAYERED, "--whiteout", "/etc/a.conf");
        Path newData = Files.createDirectories(stage.resolve("data2"));
        Files.writeString(newData.resolve("new"), "new\n");
        umoci("insert", "--image", oci + ":" + LAYERED, "--opaque", newData.toString(), "/data");

        Path extra = Files.createDirectories(stage.resolve("srv"));
        Files.writeString(extra.resolve("extra.txt"), "extra\n");
        umoci("insert", "--image", oci + ":" + LAYERED, "--tag", SHAREDBASE, extra.toString(), "/srv");
        return oci;
    }

    private Path buildMulti(Path from) throws IOException {
        Path multi = workDir.resolve("multi-layout");
        deleteTree(multi);
        Path blobs = Files.createDirectories(multi.resolve("blobs/sha256"));
        try (Stream<Path> files = Files.list(from.resolve("blobs/sha256"))) {
            for (Path blob : files.toList()) {
                Files.copy(blob, blobs.resolve(blob.getFileName()));
            }
        }
        String amd64 = manifestDescriptor(from, BUSYBOX);
        String arm64 = manifestDescriptor(from, ARM64);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + "{" + amd64 + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
                + "{" + arm64 + ",\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}]}";
        byte[] indexBytes = index.getBytes(StandardCharsets.UTF_8);
        String indexHex = sha256(indexBytes);
        Files.write(blobs.resolve(indexHex), indexBytes);
        Files.writeString(multi.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(multi.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.index.v1+json\",\"digest\":\"sha256:" + indexHex + "\",\"size\":"
                + indexBytes.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + MULTI + "\"}}]}");
        return multi;
    }

    /** The JSON fields mediaType, digest and size of a tag's manifest in a layout, read back through skopeo. */
    private String manifestDescriptor(Path oci, String tag) throws IOException {
        Tools.require("skopeo", "skopeo");
        byte[] manifest = Tools.run(runner, "skopeo", "inspect", "--raw", "oci:" + oci + ":" + tag).stdout();
        String hex = sha256(manifest);
        if (!Files.exists(oci.resolve("blobs/sha256").resolve(hex))) {
            throw new IllegalStateException("skopeo inspect --raw did not return the stored bytes of " + tag
                    + "'s manifest (no blob sha256:" + hex + ")");
        }
        return "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + hex
                + "\",\"size\":" + manifest.length;
    }

    private void umoci(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "umoci";
        System.arraycopy(args, 0, argv, 1, args.length);
        Tools.run(runner, argv);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
