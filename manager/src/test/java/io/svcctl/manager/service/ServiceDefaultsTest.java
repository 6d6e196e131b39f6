package io.svcctl.manager.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svcctl.rootfs.ImageConfig;
import io.svcctl.rootfs.Platform;
import io.svcctl.units.PublishedPort;
import io.svcctl.units.Restart;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceDefaultsTest {
    private static final ImageConfig NGINXISH = new ImageConfig(Platform.parse("linux/amd64"),
            List.of("/docker-entrypoint.sh"), List.of("nginx", "-g", "daemon off;"),
            List.of("PATH=/usr/bin:/bin", "NGINX_VERSION=1.25"), "/srv", "www", Set.of("80/tcp"),
            Set.of("/var/cache/nginx"), Map.of());

    private static CreateRequest request(List<String> entrypoint, List<String> args, List<String> env,
                                         List<VolumeSpec> volumes) {
        return new CreateRequest("web", "nginx", entrypoint, args, env, null, null, List.of(), volumes,
                null, null, null, null, List.of());
    }

    @Test
    void imageDefaultsApplyWhenNothingIsOverridden() {
        ServiceSpec spec = ServiceDefaults.resolve(request(null, List.of(), List.of(), List.of()), NGINXISH,
                "abc", "docker.io/library/nginx:latest", null);
        assertThat(spec.command()).containsExactly("/docker-entrypoint.sh", "nginx", "-g", "daemon off;");
        assertThat(spec.env()).containsExactly(Map.entry("PATH", "/usr/bin:/bin"), Map.entry("NGINX_VERSION", "1.25"));
        assertThat(spec.workingDir()).isEqualTo("/srv");
        assertThat(spec.user()).isEqualTo("www");
        assertThat(spec.ports()).containsExactly(PublishedPort.tcp(80, 80));
        assertThat(spec.volumes()).containsExactly(new VolumeSpec("var-cache-nginx", "/var/cache/nginx", true));
        assertThat(spec.restart()).isEqualTo(Restart.NO);
    }

    @Test
    void argsReplaceCmdButKeepEntrypoint() {
        ServiceSpec spec = ServiceDefaults.resolve(request(null, List.of("-t"), List.of(), List.of()), NGINXISH,
                "abc", "nginx", null);
        assertThat(spec.command()).containsExactly("/docker-entrypoint.sh", "-t");
    }

    @Test
    void entrypointOverrideDropsImageCmdAsDockerDoes() {
        ServiceSpec spec = ServiceDefaults.resolve(request(List.of("/bin/sh"), List.of(), List.of(), List.of()),
                NGINXISH, "abc", "nginx", null);
        assertThat(spec.command()).containsExactly("/bin/sh");
    }

    @Test
    void envOverridesKeepOrderAndReplaceValues() {
        ServiceSpec spec = ServiceDefaults.resolve(request(null, List.of(), List.of("NGINX_VERSION=2", "GREETING=a b=c"),
                List.of()), NGINXISH, "abc", "nginx", null);
        assertThat(spec.env()).containsExactly(Map.entry("PATH", "/usr/bin:/bin"), Map.entry("NGINX_VERSION", "2"),
                Map.entry("GREETING", "a b=c"));
    }

    @Test
    void badEnvNameIsRefused() {
        assertThatThrownBy(() -> ServiceDefaults.resolve(request(null, List.of(), List.of("1X=y"), List.of()),
                NGINXISH, "abc", "nginx", null)).hasMessageContaining("'1X'");
    }

    @Test
    void aRequestedVolumeCoversTheImageVolume() {
        VolumeSpec cache = VolumeSpec.parse("cache:/var/cache/nginx");
        ServiceSpec spec = ServiceDefaults.resolve(request(null, List.of(), List.of(), List.of(cache)), NGINXISH,
                "abc", "nginx", null);
        assertThat(spec.volumes()).containsExactly(cache);
    }

    @Test
    void anImageWithoutCommandNeedsOne() {
        ImageConfig bare = new ImageConfig(Platform.parse("linux/amd64"), null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> ServiceDefaults.resolve(request(null, List.of(), List.of(), List.of()), bare,
                "abc", "scratch", null)).hasMessageContaining("give one after '--'");
    }

    @Test
    void portsVolumesAndSizesParse() {
        assertThat(SpecSyntax.port("8080:80")).isEqualTo(PublishedPort.tcp(8080, 80));
        assertThat(SpecSyntax.port("53/udp")).isEqualTo(PublishedPort.udp(53, 53));
        assertThatThrownBy(() -> SpecSyntax.port("0:80")).hasMessageContaining("outside");
        assertThatThrownBy(() -> SpecSyntax.port("80:-o")).hasMessageContaining("not a port mapping");
        assertThat(VolumeSpec.parse("data:/var//lib/./data:seed")).isEqualTo(new VolumeSpec("data", "/var/lib/data", true));
        assertThatThrownBy(() -> VolumeSpec.parse("data:/var/../etc")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> VolumeSpec.parse("../x:/data")).hasMessageContaining("volume name");
        assertThatThrownBy(() -> VolumeSpec.parse("x:relative")).hasMessageContaining("absolute");
        assertThat(Limits.parseSize("512M")).isEqualTo(512L << 20);
        assertThat(Limits.parseSize("2G")).isEqualTo(2L << 30);
        assertThatThrownBy(() -> Limits.parseSize("lots")).hasMessageContaining("not a size");
    }

    @Test
    void twoVolumesAtOnePathAreRefused() {
        CreateRequest twoVolumes = new CreateRequest("web", "x", null, List.of(), List.of(), null, null, List.of(),
                List.of(VolumeSpec.parse("a:/data"), VolumeSpec.parse("b:/data/")), null, null, null, null, List.of());
        assertThatThrownBy(() -> ServiceDefaults.resolve(twoVolumes, NGINXISH, "abc", "x", null))
                .hasMessageContaining("two volumes at the same path");
    }
}
