package io.svcctl.manager.systemd;

import java.util.Objects;

/** One row of a unit listing: the states systemctl list-units shows. */
public record UnitSummary(String name, String description, String loadState, String activeState, String subState) {

    public UnitSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(loadState, "loadState");
        Objects.requireNonNull(activeState, "activeState");
        Objects.requireNonNull(subState, "subState");
    }
}
