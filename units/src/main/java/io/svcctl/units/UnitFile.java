package io.svcctl.units;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A systemd INI-style file as a typed model: comment lines at the top, then sections in order.
 *
 * @param name   the file name (e.g. {@code svcctl-web.service}); used in error messages and by callers
 *               that write the file
 * @param syntax which systemd parser reads it
 * @param header comment lines written first, each prefixed with {@code # }
 */
public record UnitFile(String name, Syntax syntax, List<String> header, List<Section> sections) {
    public UnitFile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a unit file needs a name");
        }
        Objects.requireNonNull(syntax, "syntax");
        header = List.copyOf(header);
        sections = List.copyOf(sections);
    }

    /** The file's bytes as text, through the one serializer. */
    public String render() {
        return UnitFileSerializer.serialize(this);
    }

    public static Builder builder(String name, Syntax syntax) {
        return new Builder(name, syntax);
    }

    /** Collects sections in the order they are opened; {@link #add} goes to the last opened section. */
    public static final class Builder {
        private final String name;
        private final Syntax syntax;
        private final List<String> header = new ArrayList<>();
        private final List<Section> done = new ArrayList<>();
        private String current;
        private List<Entry> entries;

        private Builder(String name, Syntax syntax) {
            this.name = name;
            this.syntax = syntax;
        }

        public Builder header(String line) {
            header.add(line);
            return this;
        }

        public Builder section(String sectionName) {
            close();
            current = sectionName;
            entries = new ArrayList<>();
            return this;
        }

        public Builder add(String key, Value value) {
            if (current == null) {
                throw new IllegalStateException("open a section before adding " + key + "=");
            }
            entries.add(new Entry(key, value));
            return this;
        }

        public UnitFile build() {
            close();
            return new UnitFile(name, syntax, header, done);
        }

        private void close() {
            if (current != null) {
                done.add(new Section(current, entries));
                current = null;
                entries = null;
            }
        }
    }
}
