package io.svcctl.importers.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The regular files of an uncompressed tar, by name, with where their bytes lie. Built from one pass over the
 * headers (data is skipped by seeking), so nothing is extracted: blobs are read in place, in parallel.
 */
final class ArchiveIndex implements AutoCloseable {
    /** Hard or symbolic links are followed this many times at most. */
    private static final int MAX_LINKS = 8;

    private record Entry(long offset, long size) {
    }

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Entry> files = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();

    private ArchiveIndex(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static ArchiveIndex open(Path file) throws IOException {
        ArchiveIndex index = new ArchiveIndex(file, FileChannel.open(file, StandardOpenOption.READ));
        // TarFile closes the channel it reads: give it its own, the index keeps another for reading blobs
        try (TarFile tar = new TarFile(file, "UTF-8")) {
            for (TarArchiveEntry e : tar.getEntries()) {
                String name = normalize(e.getName());
                if (e.isSymbolicLink()) {
                    index.links.put(name, resolveRelative(name, e.getLinkName()));
                } else if (e.isLink()) {
                    index.links.put(name, normalize(e.getLinkName())); // hard links name the target from the root
                } else if (e.isFile() && !e.isSparse()) {
                    index.files.put(name, new Entry(e.getDataOffset(), e.getSize()));
                }
            }
        } catch (IOException | RuntimeException e) {
            index.close();
            throw new ImportException("indexing archive " + file, "it is not a readable tar file: " + e.getMessage(), e);
        }
        return index;
    }

    /** Strips {@code ./} and leading slashes: archives name files either way. */
    private static String normalize(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.startsWith("./") ? n.substring(2) : n.substring(1);
        }
        return n;
    }

    private static String resolveRelative(String linkName, String target) {
        if (target.startsWith("/")) {
            return normalize(target);
        }
        int slash = linkName.lastIndexOf('/');
        return Path.of(slash < 0 ? "" : linkName.substring(0, slash)).resolve(target).normalize().toString();
    }

    /** The size of a file in the archive, following links, or empty. */
    Optional<Long> size(String name) {
        return entry(name).map(Entry::size);
    }

    private Optional<Entry> entry(String name) {
        String n = normalize(name);
        for (int hops = 0; hops <= MAX_LINKS; hops++) {
            Entry e = files.get(n);
            if (e != null) {
                return Optional.of(e);
            }
            n = links.get(n);
            if (n == null) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Reads a file's bytes from {@code from} on; positional reads, so several streams may be open at once. */
    InputStream open(String name, long from) throws IOException {
        Entry e = entry(name).orElseThrow(() -> new ImportException("reading " + name + " from archive " + file,
                "the archive has no such file"));
        long start = e.offset() + Math.min(from, e.size());
        long end = e.offset() + e.size();
        return new InputStream() {
            private long position = start;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= end) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
                if (n < 0) {
                    throw new IOException("archive " + file + " ends inside " + name + "; it is truncated");
                }
                position += n;
                return n;
            }
        };
    }

    byte[] read(String name, long limit, String doing) throws IOException {
        long size = size(name).orElseThrow(() -> new ImportException(doing, "archive " + file + " has no " + name));
        if (size > limit) {
            throw new ImportException(doing, name + " is " + size + " bytes, more than the " + limit + " allowed");
        }
        try (InputStream in = open(name, 0)) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
