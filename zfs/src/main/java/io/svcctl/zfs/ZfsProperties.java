package io.svcctl.zfs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The properties one {@code zfs get} (or {@code zpool get}) returned for one object, in output order. */
public final class ZfsProperties {

    private final String owner;
    private final Map<PropertyName, ZfsProperty> properties;

    ZfsProperties(String owner, Map<PropertyName, ZfsProperty> properties) {
        this.owner = owner;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The dataset, snapshot or pool these properties belong to. */
    public String owner() {
        return owner;
    }

    /** The property; it must have been asked for. */
    public ZfsProperty get(PropertyName name) {
        ZfsProperty property = properties.get(name);
        if (property == null) {
            throw new IllegalArgumentException("property " + name + " of " + owner + " was not fetched");
        }
        return property;
    }

    /** The value, or empty when zfs printed "-". */
    public Optional<String> value(PropertyName name) {
        return get(name).optionalValue();
    }

    public Map<PropertyName, ZfsProperty> asMap() {
        return properties;
    }

    @Override
    public String toString() {
        return owner + properties.values();
    }
}
