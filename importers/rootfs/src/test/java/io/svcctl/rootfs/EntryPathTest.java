package io.svcctl.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryPathTest {
    @Test
    void normalizesHarmlessSpellings() throws LayerApplyException {
        assertThat(parse("./usr//bin/./sh").components()).containsExactly("usr", "bin", "sh");
        assertThat(parse("etc/").components()).containsExactly("etc");
        assertThat(parse("...").components()).containsExactly("...");
        assertThat(parse(".wh...").components()).containsExactly(".wh...");
        assertThat(parse("a\\..").components()).containsExactly("a\\..");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "./", "", "//"})
    void theseNameTheRootfsItself(String name) throws LayerApplyException {
        if (name.startsWith("/")) {
            assertThatThrownBy(() -> parse(name)).isInstanceOf(LayerSecurityException.class);
        } else {
            assertThat(parse(name).isRoot()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../", "a/..", "a/../b", "./../x", "/etc", "/", "x/../../y"})
    void refusesEscapes(String name) {
        assertThatThrownBy(() -> parse(name)).isInstanceOf(LayerSecurityException.class)
                .hasMessageStartingWith("while applying layer entry '" + name + "': it ");
    }

    @Test
    void refusesNul() {
        assertThatThrownBy(() -> parse("a\0b")).isInstanceOf(LayerApplyException.class)
                .hasMessage("while applying layer entry 'a\\x00b': the name contains a NUL byte");
    }

    @Test
    void navigation() throws LayerApplyException {
        EntryPath p = parse("rootfs/etc/passwd");
        assertThat(p.fileName()).isEqualTo("passwd");
        assertThat(p.parent()).isEqualTo(new EntryPath(List.of("rootfs", "etc")));
        assertThat(p.under("rootfs")).contains(parse("etc/passwd"));
        assertThat(p.under("other")).isEmpty();
        assertThat(p.isWithin(parse("rootfs/etc"))).isTrue();
        assertThat(p.isWithin(parse("rootfs/et"))).isFalse();
        assertThat(p.isWithin(EntryPath.ROOT)).isTrue();
    }

    private static EntryPath parse(String name) throws LayerApplyException {
        return EntryPath.parse(name, name, "the name");
    }
}
