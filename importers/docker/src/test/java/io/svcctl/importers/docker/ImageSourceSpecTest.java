package io.svcctl.importers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ImageSourceSpecTest {

    @Test
    void dockerTransportAndBareReferencesMeanARegistry() {
        assertThat(ImageSourceSpec.parse("docker://busybox"))
                .isEqualTo(new ImageSourceSpec.Registry(ImageReference.parse("docker.io/library/busybox:latest")));
        assertThat(ImageSourceSpec.parse("localhost:5000/x:1"))
                .isEqualTo(new ImageSourceSpec.Registry(ImageReference.parse("localhost:5000/x:1")));
        // Docker Hub's image called "docker" is a reference, not a transport
        assertThat(ImageSourceSpec.parse("docker:dind"))
                .isEqualTo(new ImageSourceSpec.Registry(ImageReference.parse("docker.io/library/docker:dind")));
        assertThat(ImageSourceSpec.parse("docker://busybox").toString()).isEqualTo("docker://docker.io/library/busybox:latest");
    }

    @Test
    void dockerArchiveWithOptionalReferenceOrIndex() {
        assertThat(ImageSourceSpec.parse("docker-archive:/tmp/a.tar"))
                .isEqualTo(new ImageSourceSpec.DockerArchive(Path.of("/tmp/a.tar"), Optional.empty(), OptionalInt.empty()));
        assertThat(ImageSourceSpec.parse("docker-archive:a.tar:busybox:1"))
                .isEqualTo(new ImageSourceSpec.DockerArchive(Path.of("a.tar"),
                        Optional.of(ImageReference.parse("busybox:1")), OptionalInt.empty()));
        assertThat(ImageSourceSpec.parse("docker-archive:a.tar:@2"))
                .isEqualTo(new ImageSourceSpec.DockerArchive(Path.of("a.tar"), Optional.empty(), OptionalInt.of(2)));
        assertThat(ImageSourceSpec.parse("docker-archive:a.tar:@2").toString()).isEqualTo("docker-archive:a.tar:@2");
    }

    @Test
    void ociLayoutWithOptionalTag() {
        assertThat(ImageSourceSpec.parse("oci:/srv/layout"))
                .isEqualTo(new ImageSourceSpec.OciLayout(Path.of("/srv/layout"), Optional.empty()));
        assertThat(ImageSourceSpec.parse("oci:layout:v1.0-rc"))
                .isEqualTo(new ImageSourceSpec.OciLayout(Path.of("layout"), Optional.of("v1.0-rc")));
        assertThat(ImageSourceSpec.parse("oci:layout:example.com/app:1").toString()).isEqualTo("oci:layout:example.com/app:1");
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> ImageSourceSpec.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ImageSourceSpec.parse("oci:")).hasMessageContaining("directory is empty");
        assertThatThrownBy(() -> ImageSourceSpec.parse("oci:dir:bad tag")).hasMessageContaining("not a valid OCI layout tag");
        assertThatThrownBy(() -> ImageSourceSpec.parse("docker-archive:")).hasMessageContaining("path is empty");
        assertThatThrownBy(() -> ImageSourceSpec.parse("docker-archive:a.tar:@x")).hasMessageContaining("not an image index");
        assertThatThrownBy(() -> ImageSourceSpec.parse("docker-archive:a.tar:@-1")).hasMessageContaining("not an image index");
        assertThatThrownBy(() -> ImageSourceSpec.parse("docker-archive:a.tar:x@sha256:" + "a".repeat(64)))
                .hasMessageContaining("not by a digest");
        assertThatThrownBy(() -> ImageSourceSpec.parse("docker://Busybox")).hasMessageContaining("must be lowercase");
        assertThatThrownBy(() -> ImageSourceSpec.parse("containers-storage:busybox"))
                .hasMessageContaining("containers-storage transport is not supported");
        assertThatThrownBy(() -> ImageSourceSpec.parse("oci-archive:x.tar")).hasMessageContaining("not supported");
    }
}
