package io.svcctl.importers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            busybox                                   | docker.io/library/busybox:latest
            busybox:1.36                              | docker.io/library/busybox:1.36
            library/busybox                           | docker.io/library/busybox:latest
            docker.io/busybox                         | docker.io/library/busybox:latest
            index.docker.io/library/busybox:1         | docker.io/library/busybox:1
            user/app                                  | docker.io/user/app:latest
            user/app:v1.2_rc-3                        | docker.io/user/app:v1.2_rc-3
            localhost/app                             | localhost/app:latest
            localhost:5000/x                          | localhost:5000/x:latest
            localhost:5000/a/b/c:tag                  | localhost:5000/a/b/c:tag
            127.0.0.1:5000/x                          | 127.0.0.1:5000/x:latest
            10.231.0.1:41234/busybox:latest           | 10.231.0.1:41234/busybox:latest
            registry.example.com/team/app             | registry.example.com/team/app:latest
            Registry.Example.com/app                  | Registry.Example.com/app:latest
            Myhost/app                                | Myhost/app:latest
            ghcr.io/org/some_app:1                    | ghcr.io/org/some_app:1
            quay.io/a/b-c__d.e                        | quay.io/a/b-c__d.e:latest
            [::1]:5000/app                            | [::1]:5000/app:latest
            my-registry:5000/a---b                    | my-registry:5000/a---b:latest
            docker.io/library/docker:dind             | docker.io/library/docker:dind
            """)
    void acceptsDockersForms(String input, String normalized) {
        assertThat(ImageReference.parse(input).toString()).isEqualTo(normalized);
    }

    @Test
    void digestsPinTheManifestAndKeepTheTagForDisplay() {
        String hex = "a".repeat(64);
        ImageReference byDigest = ImageReference.parse("busybox@sha256:" + hex);
        assertThat(byDigest.toString()).isEqualTo("docker.io/library/busybox@sha256:" + hex);
        assertThat(byDigest.tag()).isEmpty();
        assertThat(byDigest.manifestReference()).isEqualTo("sha256:" + hex);

        ImageReference both = ImageReference.parse("localhost:5000/x:1.0@sha256:" + hex);
        assertThat(both.toString()).isEqualTo("localhost:5000/x:1.0@sha256:" + hex);
        assertThat(both.tag()).contains("1.0");
        assertThat(both.manifestReference()).isEqualTo("sha256:" + hex);
    }

    @Test
    void partsAndApiHost() {
        ImageReference hub = ImageReference.parse("busybox");
        assertThat(hub.registry()).isEqualTo("docker.io");
        assertThat(hub.apiHost()).isEqualTo("registry-1.docker.io");
        assertThat(hub.repository()).isEqualTo("library/busybox");
        assertThat(hub.manifestReference()).isEqualTo("latest");
        ImageReference local = ImageReference.parse("localhost:5000/a/b:t");
        assertThat(local.apiHost()).isEqualTo("localhost:5000");
        assertThat(local.repository()).isEqualTo("a/b");
        assertThat(local.name()).isEqualTo("localhost:5000/a/b");
        assertThat(ImageReference.parse("busybox")).isEqualTo(ImageReference.parse("docker.io/library/busybox:latest"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                        | empty
            Busybox                                   | must be lowercase
            docker.io/Library/busybox                 | must be lowercase
            localhost:5000/App                        | must be lowercase
            busybox:                                  | tag '' is not valid
            busybox:-x                                | tag '-x' is not valid
            busybox:.x                                | tag '.x' is not valid
            busybox:a+b                               | tag 'a+b' is not valid
            -busybox                                  | component '-busybox'
            busybox-                                  | component 'busybox-'
            a//b                                      | component ''
            busybox/                                  | component ''
            a..b                                      | component 'a..b'
            a___b                                     | component 'a___b'
            localhost:5000/                           | repository name is empty
            localhost:99999/x                         | port '99999'
            localhost:50a0/x                          | port '50a0'
            -bad.example.com/x                        | not a valid registry host
            bad_host.example.com/x                    | not a valid registry host
            busybox@sha256:abc                        | not a sha256 digest
            busybox@md5:0123456789abcdef0123456789abcdef | unsupported digest algorithm
            busybox@                                  | not a digest
            """)
    void rejectsWithAClearReason(String input, String reason) {
        assertThatThrownBy(() -> ImageReference.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("while parsing image reference")
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsImageIdsAndOverlongNames() {
        assertThatThrownBy(() -> ImageReference.parse("f".repeat(64)))
                .hasMessageContaining("image ID, not a repository name");
        assertThatThrownBy(() -> ImageReference.parse("localhost/" + "a".repeat(250)))
                .hasMessageContaining("longer than 255");
        assertThatThrownBy(() -> ImageReference.parse("busybox:" + "t".repeat(129)))
                .hasMessageContaining("not valid");
    }
}
