package io.svcctl.manager.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MigrationStreamTest {
    private static final List<SendStep> STEPS = List.of(
            new SendStep("images/a", "incoming/a", "ready", SendStep.Kind.FULL, null, null, List.of(), 1),
            new SendStep("services/web", "migrating/web", "svcctl-mig-1", SendStep.Kind.INCREMENTAL,
                    "images/a@ready", null, List.of(), 2));
    private static final MigrationStream.Header HEADER = new MigrationStream.Header(MigrationStream.VERSION, "web",
            "hosta", true, JsonNodeFactory.instance.objectNode().put("name", "web"),
            Map.of("images/a", Map.of("svcctl:references", "busybox")), STEPS);

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] write(byte[] first, byte[] second) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MigrationStream.Writer w = new MigrationStream.Writer(out, HEADER);
        assertThat(w.step(0, new ByteArrayInputStream(first))).isEqualTo(first.length);
        w.step(1, new ByteArrayInputStream(second));
        w.finish();
        assertThat(w.payloadBytes()).isEqualTo(first.length + second.length);
        return out.toByteArray();
    }

    @Test
    void stepsComeBackByteForByteWithTheHeader() throws IOException {
        byte[] first = random(3 * 1024 * 1024 + 17, 1); // several chunks
        byte[] second = new byte[0];
        MigrationStream.Reader r = MigrationStream.Reader.open(new ByteArrayInputStream(write(first, second)));
        assertThat(r.header().steps()).isEqualTo(STEPS);
        assertThat(r.header().spec().get("name").asText()).isEqualTo("web");
        assertThat(r.header().properties()).containsKey("images/a");
        assertThat(r.step(0).readAllBytes()).isEqualTo(first);
        assertThat(r.step(1).readAllBytes()).isEmpty();
        r.finish();
    }

    @Test
    void aStreamCutAnywhereReadsAsAnErrorNeverAsAShorterWhole() throws IOException {
        byte[] whole = write(random(5000, 2), random(7000, 3));
        for (int cut : new int[] {whole.length - 1, whole.length - 4, whole.length - 5, whole.length / 2, 300}) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> {
                MigrationStream.Reader r = MigrationStream.Reader.open(new ByteArrayInputStream(part));
                r.step(0).readAllBytes();
                r.step(1).readAllBytes();
                r.finish();
            }).as("cut at %d of %d", cut, whole.length).isInstanceOf(IOException.class)
                    .hasMessageContaining("broke off");
        }
    }

    @Test
    void anythingElseIsRefusedAtTheStart() {
        InputStream tar = new ByteArrayInputStream("ustar00 some other file........".getBytes());
        assertThatThrownBy(() -> MigrationStream.Reader.open(tar)).hasMessageContaining("not an svcctl stream");
        assertThatThrownBy(() -> MigrationStream.Reader.open(new ByteArrayInputStream(new byte[0])))
                .hasMessageContaining("empty");
    }

    @Test
    void stepsMustBeReadInOrder() throws IOException {
        MigrationStream.Reader r = MigrationStream.Reader.open(new ByteArrayInputStream(write(new byte[1], new byte[1])));
        assertThatThrownBy(() -> r.step(1)).isInstanceOf(IllegalStateException.class);
    }
}
