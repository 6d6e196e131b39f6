package io.svcctl.rootfs;

import static io.svcctl.rootfs.TestTar.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class TarReaderTest {
    @Test
    void endsAtOneZeroBlockOrAtACleanEndOfStream() throws IOException {
        byte[] body = new TestTar().add(file("a", "1")).raw();
        assertThat(names(body)).containsExactly("a");
        assertThat(names(TestTar.concat(body, new byte[512]))).containsExactly("a");
        assertThat(names(TestTar.concat(body, new byte[10240]))).containsExactly("a");
        assertThat(names(new byte[0])).isEmpty();
    }

    @Test
    void endsWhereTheLastFilesPaddingWouldStartAsGoDoes() throws IOException {
        // umoci 0.4's insert writes layers like this: the last file's content, then nothing
        byte[] cut = Arrays.copyOf(new TestTar().add(file("a", "1"), file("b", "22")).raw(), 512 + 512 + 512 + 2);
        assertThat(names(cut)).containsExactly("a", "b");
        // content that stops short, or padding that stops part-way, is still a truncated layer
        assertThatThrownBy(() -> names(Arrays.copyOf(cut, cut.length - 1))).isInstanceOf(LayerApplyException.class)
                .hasMessageContaining("entry content (truncated layer)");
        byte[] partPadding = Arrays.copyOf(new TestTar().add(file("a", "1")).raw(), 512 + 100);
        assertThatThrownBy(() -> names(partPadding)).isInstanceOf(LayerApplyException.class)
                .hasMessageContaining("the padding after entry content (truncated layer)");
    }

    @Test
    void leavesTheBytesAfterTheEndMarkerToTheCaller() throws IOException {
        byte[] tar = TestTar.concat(new TestTar().add(file("a", "1")).bytes(), new byte[]{'t', 'a', 'i', 'l'});
        ByteArrayInputStream in = new ByteArrayInputStream(tar);
        TarReader r = new TarReader(in);
        while (r.next() != null) {
            // read all entries
        }
        assertThat(in.readAllBytes()).containsExactly('t', 'a', 'i', 'l');
    }

    @Test
    void paxRecordsOverrideTheHeaderAndGlobalOnesCarryOver() throws IOException {
        TestTar.H global = new TestTar.H('g', "global");
        global.content = TestTar.paxRecord("uid", TestTar.utf8("7"));
        byte[] tar = new TestTar().add(global,
                file("a", "1").owner(1, 1).pax("gid", "3000000000").pax("mtime", "-1.5"),
                file("b", "2")).bytes();
        List<TarEntry> entries = entries(tar);
        assertThat(entries).extracting(TarEntry::name).containsExactly("a", "b");
        assertThat(entries.get(0).uid()).isEqualTo(7);
        assertThat(entries.get(0).gid()).isEqualTo(3_000_000_000L);
        assertThat(entries.get(0).mtime()).isEqualTo(Instant.ofEpochSecond(-2, 500_000_000));
        assertThat(entries.get(1).uid()).isEqualTo(7);
        assertThat(entries.get(1).mtime()).isEqualTo(Instant.ofEpochSecond(1_600_000_000L));
    }

    @Test
    void readsBase256Numbers() throws IOException {
        byte[] tar = new TestTar().add(file("a", "x").owner(1, 1)).bytes();
        byte[] uid = {(byte) 0x80, 0, 0, 0, 0, 0, 0x12, 0x34};
        System.arraycopy(uid, 0, tar, 108, 8);
        fixChecksum(tar);
        assertThat(entries(tar).get(0).uid()).isEqualTo(0x1234);
    }

    @Test
    void nonFilesCarryNoContentWhateverTheirSizeFieldSaysAsInGo() throws IOException {
        // Go's archive/tar (which wrote and applies most layers) reads the next header right after a
        // directory, symlink, link, device or FIFO header; reading it any other way would let one layer
        // mean different trees to Docker and to us.
        TestTar.H d = TestTar.dir("d");
        d.size = 512;
        TestTar.H l = TestTar.symlink("l", "d");
        l.size = 1024;
        List<TarEntry> entries = entries(new TestTar().add(d, l, file("after", "x")).bytes());
        assertThat(entries).extracting(TarEntry::name).containsExactly("d", "l", "after");
        assertThat(entries).extracting(TarEntry::size).containsExactly(0L, 0L, 1L);
    }

    @Test
    void refusesBadChecksumsSparseFilesAndUnknownTypes() {
        byte[] tar = new TestTar().add(file("a", "1"), file("b", "2")).bytes();
        tar[1024] ^= 1;
        assertThatThrownBy(() -> names(tar)).isInstanceOf(LayerApplyException.class)
                .hasMessageContaining("entry 'a'").hasMessageContaining("fails its checksum");
        assertThatThrownBy(() -> names(new TestTar().add(new TestTar.H('S', "sparse")).bytes()))
                .hasMessage("while applying layer entry 'sparse': GNU sparse files are not supported in layers");
        assertThatThrownBy(() -> names(new TestTar().add(new TestTar.H('V', "label")).bytes()))
                .hasMessage("while applying layer entry 'label': unsupported tar entry type 'V'");
        assertThatThrownBy(() -> names(new TestTar().add(file("s", "").pax("GNU.sparse.map", "0,1")).bytes()))
                .hasMessageContaining("GNU sparse");
    }

    @Test
    void refusesCorruptPaxAndOversizedMetadata() {
        TestTar.H bad = file("a", "");
        bad.pax.add("99 path=x\n".getBytes());
        assertThatThrownBy(() -> names(new TestTar().add(bad).bytes())).hasMessageContaining("corrupt PAX header");
        TestTar.H huge = file("a", "");
        huge.pax("comment", new byte[(1 << 20) + 1]);
        assertThatThrownBy(() -> names(new TestTar().add(huge).bytes())).hasMessageContaining("larger than the 1048576 bytes");
    }

    @Test
    void somethingThatIsNotATarSaysWhereItBroke() {
        byte[] garbage = new byte[1024];
        Arrays.fill(garbage, (byte) 'x');
        assertThatThrownBy(() -> names(garbage)).isInstanceOf(LayerApplyException.class)
                .hasMessage("while reading a layer: not a tar stream or corrupt: a header at the start of the layer"
                        + " fails its checksum (is the layer encrypted or in an unknown compression?)");
        byte[] badMode = new TestTar().add(file("m", "")).bytes();
        badMode[100] = '9';
        fixChecksum(badMode);
        assertThatThrownBy(() -> names(badMode)).hasMessage("while applying layer entry 'm': corrupt tar: bad mode field in its header");
    }

    @Test
    void aFailureBeforeTheFirstEntrySaysSo() {
        assertThatThrownBy(() -> names(new byte[]{1, 2, 3})).isInstanceOf(LayerApplyException.class)
                .hasMessage("while reading a layer: the layer stream ended in the middle of a header (truncated layer)");
    }

    private static void fixChecksum(byte[] tar) {
        Arrays.fill(tar, 148, 156, (byte) ' ');
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[i] & 0xff;
        }
        byte[] field = String.format("%06o\0 ", sum).getBytes();
        System.arraycopy(field, 0, tar, 148, 8);
    }

    private static List<String> names(byte[] tar) throws IOException {
        return entries(tar).stream().map(TarEntry::name).toList();
    }

    private static List<TarEntry> entries(byte[] tar) throws IOException {
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        List<TarEntry> out = new ArrayList<>();
        for (TarEntry e = r.next(); e != null; e = r.next()) {
            out.add(e);
        }
        return out;
    }
}
