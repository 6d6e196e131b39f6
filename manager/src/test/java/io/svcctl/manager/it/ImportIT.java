package io.svcctl.manager.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.svcctl.exec.Command;
import io.svcctl.exec.LocalCommandRunner;
import io.svcctl.rootfs.RootfsListing;
import io.svcctl.testhost.Hosts;
import io.svcctl.testhost.TestHost;
import io.svcctl.testhost.registry.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code svcctl import docker} from a real registry into a real zfs-fuse pool: what lands in the image dataset
 * is what umoci unpacks, shared base layers are cloned rather than applied again, and concurrent imports of one
 * image make one image.
 */
@Hosts(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportIT {
    /**
     * On zfs-fuse svcctl writes image trees already shifted to the private-users base (Settings.uidShift), because
     * idmapped mounts are missing there; umoci keeps the layer's owners. Owners are compared after unshifting.
     */
    static final long UID_SHIFT = 0x6FFF0000L;
    static final String IMAGES = "tank/svcctl/images";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RegistryFixture registry;

    @BeforeAll
    static void setUp(TestHost host) throws Exception {
        registry = RegistryFixture.start();
        host.svcctlOk("init", "--pool", "tank");
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void twoImportsOfOneImageAtOnceGiveOneImage(TestHost host) {
        String ref = registry.ref(TestImages.BUSYBOX);
        String script = "svcctl=/opt/svcctl/bin/svcctl; ref=$1\n"
                + "$svcctl import docker \"$ref\" --tls-verify=false --quiet >/tmp/a.out 2>&1 & a=$!\n"
                + "$svcctl import docker \"$ref\" --tls-verify=false --quiet >/tmp/b.out 2>&1 & b=$!\n"
                + "wait $a; ea=$?; wait $b; eb=$?\n"
                + "cat /tmp/a.out /tmp/b.out; echo \"exit $ea $eb\"\n";
        String out = host.execOk("sh", "-c", script, "sh", ref);

        assertThat(out).contains("exit 0 0");
        // one of them built it; the other waited for it and found it present
        assertThat(count(out, "imported ")).as(out).isEqualTo(1);
        assertThat(count(out, "present already")).as(out).isEqualTo(1);
        assertThat(children(host, IMAGES)).hasSize(1);
        assertThat(children(host, "tank/svcctl/incoming")).isEmpty();
    }

    @Test
    @Order(2)
    void layeredImageIsWhatUmociUnpacks(TestHost host) throws Exception {
        JsonNode result = importJson(host, registry.ref(TestImages.LAYERED));
        // its first layer is busybox's, present already: cloned, not applied again
        assertThat(result.path("layersApplied").asInt()).isEqualTo(TestImages.LAYERED_LAYERS - 1);
        assertThat(result.path("layersShared").asInt()).isEqualTo(1);
        String id = result.path("image").path("id").asText();

        Path umoci = umociUnpack(TestImages.LAYERED);
        Path ours = cloneImage(host, id, "cmp-layered");
        List<String> expected = RootfsListing.of(umoci).lines();
        List<String> actual = unshift(RootfsListing.of(ours)).lines();
        assertThat(actual).containsExactlyElementsOf(expected);
        // the listing's whiteout and opaque-directory lines, spelled out
        assertThat(actual).anyMatch(l -> l.endsWith(" ./etc/b.conf")).noneMatch(l -> l.endsWith(" ./etc/a.conf"))
                .anyMatch(l -> l.endsWith(" ./data/new"))
                .noneMatch(l -> l.contains(" ./data/x") || l.contains(" ./data/y") || l.contains(" ./data/sub"));
        destroyClone(host, "cmp-layered");
    }

    @Test
    @Order(3)
    void sharedBaseIsACloneThatAppliesOnlyItsOwnLayer(TestHost host) {
        String layered = imageId(host, registry.ref(TestImages.LAYERED));
        JsonNode result = importJson(host, registry.ref(TestImages.SHAREDBASE));
        assertThat(result.path("layersApplied").asInt()).isEqualTo(1);
        assertThat(result.path("layersShared").asInt()).isEqualTo(TestImages.LAYERED_LAYERS);
        String id = result.path("image").path("id").asText();

        // cloned from layered's snapshot after its fifth layer (snapshots are named by chain id)
        String origin = host.execOk("zfs", "get", "-H", "-o", "value", "origin", IMAGES + "/" + id).strip();
        assertThat(origin).startsWith(IMAGES + "/" + layered + "@");
        String layeredTop = host.execOk("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-s", "createtxg",
                "-r", IMAGES + "/" + layered).lines().filter(s -> !s.endsWith("@ready")).reduce((a, b) -> b).orElseThrow();
        assertThat(origin).isEqualTo(layeredTop);
        // what it owns is its one small layer and metadata, not a copy of the base
        long used = Long.parseLong(host.execOk("zfs", "get", "-H", "-p", "-o", "value", "used", IMAGES + "/" + id).strip());
        long referenced = Long.parseLong(host.execOk("zfs", "get", "-H", "-p", "-o", "value", "referenced",
                IMAGES + "/" + id).strip());
        assertThat(used).isLessThan(referenced / 4).isLessThan(512 * 1024);
    }

    /** Imports with --json and hands back the parsed result. */
    static JsonNode importJson(TestHost host, String ref, String... more) {
        List<String> argv = new java.util.ArrayList<>(List.of("import", "docker", ref, "--tls-verify=false", "--json"));
        argv.addAll(Arrays.asList(more));
        try {
            return JSON.readTree(host.svcctlOk(argv.toArray(String[]::new)));
        } catch (java.io.IOException e) {
            throw new AssertionError("svcctl import --json printed no JSON", e);
        }
    }

    static String imageId(TestHost host, String ref) {
        try {
            return JSON.readTree(host.svcctlOk("image", "inspect", ref)).path("id").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("svcctl image inspect printed no JSON", e);
        }
    }

    /** Image datasets are never mounted: a clone of @ready is, and the outer machine reads it through the host's root. */
    static Path cloneImage(TestHost host, String id, String name) {
        host.execOk("zfs", "clone", IMAGES + "/" + id + "@ready", "tank/" + name);
        String mountpoint = host.execOk("zfs", "get", "-H", "-o", "value", "mountpoint", "tank/" + name).strip();
        return host.rootPath().resolve(mountpoint.substring(1)).resolve("rootfs");
    }

    /** zfs-fuse unmounts asynchronously: a destroy right after reading may find the clone busy for a moment. */
    static void destroyClone(TestHost host, String name) {
        host.execOk("sh", "-c", "for i in $(seq 50); do zfs destroy -f \"$1\" 2>/tmp/destroy.err && exit 0; sleep 0.2; done; "
                + "cat /tmp/destroy.err >&2; exit 1", "sh", "tank/" + name);
    }

    /** The same image from the fixture's OCI layout (the registry got it from there), unpacked by umoci as root. */
    private static Path umociUnpack(String tag) throws Exception {
        Path bundle = Files.createTempDirectory("svcctl-it-umoci").resolve("bundle");
        new LocalCommandRunner().run(Command.of("umoci", "unpack", "--image", registry.images.layout() + ":" + tag,
                bundle.toString()).withTimeout(Duration.ofMinutes(2)));
        return bundle.resolve("rootfs");
    }

    /** The listing with owners moved back from the shifted range. */
    static RootfsListing unshift(RootfsListing listing) {
        List<String> entries = listing.entries().stream().map(line -> {
            String[] f = line.split(" ", 4); // type mode uid:gid rest
            String[] owner = f[2].split(":");
            return f[0] + " " + f[1] + " " + (Long.parseLong(owner[0]) - UID_SHIFT) + ":"
                    + (Long.parseLong(owner[1]) - UID_SHIFT) + " " + f[3];
        }).toList();
        return new RootfsListing(entries, listing.fileDigests());
    }

    static List<String> children(TestHost host, String dataset) {
        // zfs-fuse's zfs has no list -d
        return host.execOk("zfs", "list", "-H", "-o", "name", "-r", dataset).lines()
                .filter(n -> n.startsWith(dataset + "/") && n.indexOf('/', dataset.length() + 1) < 0).toList();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
