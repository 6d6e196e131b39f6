package io.svcctl.manager.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Digest;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.ImageConfig;
import io.svcctl.rootfs.Layer;
import io.svcctl.zfs.DatasetName;
import io.svcctl.zfs.SnapshotName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ImportPlanTest {
    private static final StorageLayout LAYOUT = new StorageLayout(DatasetName.parse("tank/svcctl"));

    private static Digest d(String seed) {
        return Digest.sha256(seed.getBytes(StandardCharsets.UTF_8));
    }

    private static Image image(String configSeed, String... layerSeeds) {
        List<Layer> layers = IntStream.range(0, layerSeeds.length)
                .mapToObj(i -> new Layer(new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip",
                        d("blob" + layerSeeds[i]), 10), d(layerSeeds[i])))
                .toList();
        return new Image("test", d("m" + configSeed), d(configSeed), new byte[0],
                new ImageConfig(io.svcctl.rootfs.Platform.parse("linux/amd64"),
                        null, null, null, null, null, null, null, null), layers);
    }

    @Test
    void aNewImageStartsEmpty() {
        Image img = image("c1", "a", "b");
        ImportPlan plan = ImportPlan.plan(LAYOUT, img, List.of(), List.of(), null);
        assertThat(plan).isEqualTo(new ImportPlan.Build(LAYOUT.incoming(img.configDigest()),
                new ImportPlan.CreateEmpty(), 0, false));
    }

    @Test
    void aPresentImageIsNotImportedAgain() {
        Image img = image("c1", "a");
        ImportPlan plan = ImportPlan.plan(LAYOUT, img, List.of(LAYOUT.image(img.configDigest())), List.of(), null);
        assertThat(plan).isEqualTo(new ImportPlan.Present(LAYOUT.image(img.configDigest())));
    }

    @Test
    void sharedBaseLayersAreClonedFromTheLongestCommonPrefix() {
        Image base = image("c1", "a", "b", "c");
        Image derived = image("c2", "a", "b", "x", "y");
        DatasetName baseDs = LAYOUT.image(base.configDigest());
        List<SnapshotName> snaps = base.chainIds().stream().map(c -> baseDs.snapshot(c.hex())).toList();
        ImportPlan plan = ImportPlan.plan(LAYOUT, derived, List.of(baseDs), snaps, null);
        assertThat(plan).isEqualTo(new ImportPlan.Build(LAYOUT.incoming(derived.configDigest()),
                new ImportPlan.CloneFrom(baseDs.snapshot(base.chainIds().get(1).hex())), 2, false));
        assertThat(((ImportPlan.Build) plan).layersToApply(derived)).containsExactly(2, 3);
    }

    @Test
    void sameLayersAtAnotherPositionAreNotShared() {
        Image base = image("c1", "b", "a");
        Image other = image("c2", "a", "b");
        DatasetName baseDs = LAYOUT.image(base.configDigest());
        List<SnapshotName> snaps = base.chainIds().stream().map(c -> baseDs.snapshot(c.hex())).toList();
        ImportPlan plan = ImportPlan.plan(LAYOUT, other, List.of(baseDs), snaps, null);
        assertThat(((ImportPlan.Build) plan).start()).isEqualTo(new ImportPlan.CreateEmpty());
    }

    @Test
    void anInterruptedImportResumesAfterItsNewestLayerSnapshot() {
        Image img = image("c1", "a", "b", "c");
        DatasetName incoming = LAYOUT.incoming(img.configDigest());
        List<SnapshotName> done = List.of(incoming.snapshot(img.chainIds().get(0).hex()),
                incoming.snapshot(img.chainIds().get(1).hex()));
        ImportPlan plan = ImportPlan.plan(LAYOUT, img, List.of(), List.of(), done);
        assertThat(plan).isEqualTo(new ImportPlan.Build(incoming, new ImportPlan.ResumeFrom(done.get(1)), 2, false));
        assertThat(((ImportPlan.Build) plan).whole()).isFalse();
    }

    @Test
    void anImportInterruptedBeforeItsFirstSnapshotStartsOver() {
        Image img = image("c1", "a");
        ImportPlan plan = ImportPlan.plan(LAYOUT, img, List.of(), List.of(), List.of());
        assertThat(plan).isEqualTo(new ImportPlan.Build(LAYOUT.incoming(img.configDigest()),
                new ImportPlan.CreateEmpty(), 0, true));
    }

    @Test
    void anImportInterruptedAfterReadyOnlyFinishes() {
        Image img = image("c1", "a");
        DatasetName incoming = LAYOUT.incoming(img.configDigest());
        SnapshotName ready = incoming.snapshot(ImportPlan.READY);
        ImportPlan plan = ImportPlan.plan(LAYOUT, img, List.of(), List.of(), List.of(ready));
        assertThat(plan).isEqualTo(new ImportPlan.Build(incoming, new ImportPlan.ResumeFrom(ready), 1, false));
        assertThat(((ImportPlan.Build) plan).layersToApply(img)).isEmpty();
        assertThat(((ImportPlan.Build) plan).whole()).isTrue();
    }
}
