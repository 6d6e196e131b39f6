package io.svcctl.units;

import java.util.List;

/** A {@code [Name]} section with its entries in order; a key may repeat (list settings). */
public record Section(String name, List<Entry> entries) {
    public Section {
        if (name == null || !Entry.KEY.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid section name '" + name
                    + "': a letter followed by letters, digits and '-'");
        }
        entries = List.copyOf(entries);
    }
}
