package io.svcctl.manager.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.svcctl.testhost.ExecResult;
import io.svcctl.testhost.Hosts;
import io.svcctl.testhost.TestHost;
import io.svcctl.testhost.registry.TestImages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code svcctl images}, {@code image inspect}, {@code image rm} and {@code gc --layers} on a store where images
 * are clones of each other: busybox ← layered ← sharedbase (each cloned from the one before's layer snapshot).
 */
@Hosts(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RegistryFixture registry;
    private static String busybox;
    private static String layered;
    private static String sharedbase;

    @BeforeAll
    static void setUp(TestHost host) throws Exception {
        registry = RegistryFixture.start();
        host.svcctlOk("init", "--pool", "tank");
        busybox = ImportIT.importJson(host, registry.ref(TestImages.BUSYBOX)).path("image").path("id").asText();
        layered = ImportIT.importJson(host, registry.ref(TestImages.LAYERED)).path("image").path("id").asText();
        sharedbase = ImportIT.importJson(host, registry.ref(TestImages.SHAREDBASE)).path("image").path("id").asText();
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void imagesAndInspectShowReferencesLayersSpaceAndOrigin(TestHost host) throws IOException {
        JsonNode images = JSON.readTree(host.svcctlOk("images", "--json"));
        assertThat(images).hasSize(3);
        List<String> ids = new ArrayList<>();
        images.forEach(i -> ids.add(i.path("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(busybox, layered, sharedbase);

        JsonNode shared = JSON.readTree(host.svcctlOk("image", "inspect", registry.ref(TestImages.SHAREDBASE)));
        assertThat(shared.path("id").asText()).isEqualTo(sharedbase);
        assertThat(shared.path("references").get(0).asText()).isEqualTo(registry.ref(TestImages.SHAREDBASE));
        assertThat(shared.path("platform").asText()).isEqualTo("linux/amd64");
        assertThat(shared.path("layers").asInt()).isEqualTo(TestImages.SHAREDBASE_LAYERS);
        assertThat(shared.path("manifestDigest").asText()).startsWith("sha256:");
        assertThat(shared.path("origin").asText()).startsWith(ImportIT.IMAGES + "/" + layered + "@");
        assertThat(shared.path("usedBytes").asLong()).isPositive().isLessThan(shared.path("referencedBytes").asLong());
        // by id prefix as well as by reference
        assertThat(JSON.readTree(host.svcctlOk("image", "inspect", sharedbase.substring(0, 12))).path("id").asText())
                .isEqualTo(sharedbase);

        String table = host.svcctlOk("images");
        assertThat(table.lines().findFirst().orElseThrow()).contains("ID").contains("REFERENCE").contains("OWN");
        assertThat(table).contains(sharedbase.substring(0, 12)).contains(registry.ref(TestImages.LAYERED));
    }

    @Test
    @Order(2)
    void removingAnImageOthersAreClonedFromPromotesThem(TestHost host) throws IOException {
        JsonNode removed = JSON.readTree(host.svcctlOk("image", "rm", registry.ref(TestImages.LAYERED), "--json"));
        assertThat(removed.path("id").asText()).isEqualTo(layered);
        assertThat(removed.path("promoted").toString()).contains(sharedbase);
        assertThat(ImportIT.children(host, ImportIT.IMAGES)).noneMatch(n -> n.endsWith(layered));
        // sharedbase now holds the layer snapshots it shared, and hangs off busybox as layered did
        assertThat(host.execOk("zfs", "get", "-H", "-o", "value", "origin", ImportIT.IMAGES + "/" + sharedbase).strip())
                .startsWith(ImportIT.IMAGES + "/" + busybox + "@");

        assertThat(host.svcctlOk("image", "rm", busybox.substring(0, 12))).contains("promoted " + sharedbase.substring(0, 12));
        assertThat(host.execOk("zfs", "get", "-H", "-o", "value", "origin", ImportIT.IMAGES + "/" + sharedbase).strip())
                .isEqualTo("-");
        assertThat(ImportIT.children(host, ImportIT.IMAGES)).containsExactly(ImportIT.IMAGES + "/" + sharedbase);

        // what is left is whole: a service made from it sees every layer, base ones included
        host.svcctlOk("create", "web", "--image", registry.ref(TestImages.SHAREDBASE));
        String rootfs = "/var/lib/svcctl/services/web/rootfs";
        assertThat(host.execOk("cat", rootfs + "/srv/extra.txt", rootfs + "/etc/b.conf", rootfs + "/www/index.html"))
                .isEqualTo("extra\nb\n" + TestImages.INDEX_HTML);
    }

    @Test
    @Order(3)
    void anImageAServiceUsesIsNotRemoved(TestHost host) {
        ExecResult refused = host.svcctl("image", "rm", registry.ref(TestImages.SHAREDBASE));
        assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(4);
        assertThat(refused.stderr()).contains("used by service(s) web").contains("svcctl rm");
        assertThat(ImportIT.children(host, ImportIT.IMAGES)).containsExactly(ImportIT.IMAGES + "/" + sharedbase);
    }

    @Test
    @Order(4)
    void gcDropsLayerSnapshotsNothingIsClonedFromButKeepsReadyAndTheService(TestHost host) throws IOException {
        JsonNode gc = JSON.readTree(host.svcctlOk("gc", "--layers", "--json"));
        assertThat(gc.path("layerSnapshots")).isNotEmpty();
        assertThat(host.execOk("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-r", ImportIT.IMAGES + "/" + sharedbase)
                .strip()).isEqualTo(ImportIT.IMAGES + "/" + sharedbase + "@ready");
        assertThat(host.execOk("cat", "/var/lib/svcctl/services/web/rootfs/srv/extra.txt")).isEqualTo("extra\n");

        host.svcctlOk("rm", "web");
        host.svcctlOk("image", "rm", registry.ref(TestImages.SHAREDBASE));
        assertThat(ImportIT.children(host, ImportIT.IMAGES)).isEmpty();
        assertThat(host.svcctlOk("images", "--json").strip()).isEqualTo("[ ]");
    }
}
