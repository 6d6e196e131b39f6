package io.svcctl.rootfs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tar entry name parsed into components relative to the rootfs: no empty, "." or ".." component, never
 * absolute. Any ".." is refused, even one that stays inside lexically ({@code a/../b}): no honest layer
 * writer emits them, and refusing is simpler to trust than cleaning. The empty path is the rootfs itself.
 */
record EntryPath(List<String> components) {
    static final EntryPath ROOT = new EntryPath(List.of());

    EntryPath {
        components = List.copyOf(components);
    }

    /** Parses a tar name ({@code ./usr/bin/}, {@code etc//passwd}); {@code what} says which field, for messages. */
    static EntryPath parse(String entry, String name, String what) throws LayerApplyException {
        if (name.indexOf('\0') >= 0) {
            throw new LayerApplyException(entry, what + " contains a NUL byte");
        }
        String subject = name.equals(entry) ? "it" : what + " '" + EntryNames.quote(name) + "'";
        if (name.startsWith("/")) {
            throw new LayerSecurityException(entry, subject + " is absolute and would escape the rootfs");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new LayerSecurityException(entry, subject + " has a '..' component and could escape the rootfs");
            }
            parts.add(part);
        }
        return new EntryPath(parts);
    }

    boolean isRoot() {
        return components.isEmpty();
    }

    String fileName() {
        return components.get(components.size() - 1);
    }

    EntryPath parent() {
        return new EntryPath(components.subList(0, components.size() - 1));
    }

    EntryPath child(String name) {
        List<String> c = new ArrayList<>(components);
        c.add(name);
        return new EntryPath(c);
    }

    /** This path without its first component when that is {@code prefix} (an ACI's "rootfs"); empty otherwise. */
    Optional<EntryPath> under(String prefix) {
        if (components.isEmpty() || !components.get(0).equals(prefix)) {
            return Optional.empty();
        }
        return Optional.of(new EntryPath(components.subList(1, components.size())));
    }

    boolean isWithin(EntryPath ancestor) {
        return components.size() >= ancestor.components.size()
                && components.subList(0, ancestor.components.size()).equals(ancestor.components);
    }

    /** Joins the components under {@code root}; only meaningful once every intermediate was checked. */
    Path under(Path root) {
        Path p = root;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }

    @Override
    public String toString() {
        return components.isEmpty() ? "." : String.join("/", components);
    }

    // Written out, as in every record compared or hashed on a command's way: a record's generated equals and
    // hashCode build method handles on first use, 1-12 ms of a fresh JVM each (docs/performance.md).
    @Override
    public boolean equals(Object o) {
        return o instanceof EntryPath p && components.equals(p.components);
    }

    @Override
    public int hashCode() {
        return components.hashCode();
    }
}
