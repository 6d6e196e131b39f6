package io.svcctl.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.github.luben.zstd.ZstdOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class CompressionTest {
    private static final byte[] TAR = new TestTar().add(TestTar.file("f", "some content")).bytes();

    @Test
    void detectsByMagicBytes() {
        assertThat(detect(0x1f, 0x8b, 0x08)).isEqualTo(Compression.GZIP);
        assertThat(detect(0x28, 0xb5, 0x2f, 0xfd, 0x00)).isEqualTo(Compression.ZSTD);
        assertThat(detect(0x5e, 0x2a, 0x4d, 0x18, 0x00)).isEqualTo(Compression.ZSTD);
        assertThat(detect(0xfd, '7', 'z', 'X', 'Z', 0x00)).isEqualTo(Compression.XZ);
        assertThat(detect('B', 'Z', 'h', '9')).isEqualTo(Compression.BZIP2);
        assertThat(detect('B', 'Z', 'h', '0')).isEqualTo(Compression.NONE);
        assertThat(detect('e', 't', 'c', '/')).isEqualTo(Compression.NONE);
        assertThat(detect(0x1f)).isEqualTo(Compression.NONE);
        assertThat(detect()).isEqualTo(Compression.NONE);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void decompressesWhateverTheMagicSays(Compression c) throws IOException {
        byte[] blob = compress(c, TAR);
        assertThat(Compression.detect(blob, blob.length)).isEqualTo(c);
        assertThat(Compression.decompress(new ByteArrayInputStream(blob)).readAllBytes()).isEqualTo(TAR);
    }

    @Test
    void readsConcatenatedGzipMembers() throws IOException {
        byte[] a = "first ".getBytes(StandardCharsets.UTF_8);
        byte[] b = "second".getBytes(StandardCharsets.UTF_8);
        byte[] blob = TestTar.concat(LayerApplierTest.gzip(a), LayerApplierTest.gzip(b));
        assertThat(new String(Compression.decompress(new ByteArrayInputStream(blob)).readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("first second");
    }

    @Test
    void shortAndEmptyBlobsAreTakenAsPlain() throws IOException {
        assertThat(Compression.decompress(new ByteArrayInputStream(new byte[0])).readAllBytes()).isEmpty();
        assertThat(Compression.decompress(new ByteArrayInputStream(new byte[]{1, 2})).readAllBytes()).containsExactly(1, 2);
    }

    private static Compression detect(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Compression.detect(b, b.length);
    }

    static byte[] compress(Compression c, byte[] data) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (OutputStream out = switch (c) {
            case NONE -> bo;
            case GZIP -> new java.util.zip.GZIPOutputStream(bo);
            case ZSTD -> new ZstdOutputStream(bo);
            case XZ -> new XZOutputStream(bo, new LZMA2Options());
            case BZIP2 -> new BZip2CompressorOutputStream(bo);
        }) {
            out.write(data);
        }
        return bo.toByteArray();
    }
}
