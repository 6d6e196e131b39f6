package io.svcctl.manager.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.svcctl.rootfs.ImageConfig;
import io.svcctl.rootfs.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code image.json}, written and read through the JSON tree rather than bound to the records: every import writes
 * it, and binding built serializers for three record types by reflection first (~30 ms of CPU in a fresh JVM, on
 * the import's way). The fields are the records' component names, as binding wrote them.
 */
final class MetadataJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetadataJson() {
    }

    static byte[] write(ImageStore.Metadata meta) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", meta.id());
        root.put("reference", meta.reference());
        root.put("manifestDigest", meta.manifestDigest());
        ImageConfig c = meta.config();
        ObjectNode config = root.putObject("config");
        ObjectNode platform = config.putObject("platform");
        platform.put("os", c.platform().os());
        platform.put("architecture", c.platform().architecture());
        platform.put("variant", c.platform().variant());
        strings(config.putArray("entrypoint"), c.entrypoint());
        strings(config.putArray("cmd"), c.cmd());
        strings(config.putArray("env"), c.env());
        config.put("workingDir", c.workingDir());
        config.put("user", c.user());
        strings(config.putArray("exposedPorts"), new TreeSet<>(c.exposedPorts()));
        strings(config.putArray("volumes"), new TreeSet<>(c.volumes()));
        ObjectNode labels = config.putObject("labels");
        new TreeMap<>(c.labels()).forEach(labels::put);
        strings(root.putArray("diffIds"), meta.diffIds());
        return JSON.writeValueAsBytes(root);
    }

    static ImageStore.Metadata read(byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        JsonNode config = field(root, "config");
        JsonNode platform = field(config, "platform");
        try {
            ImageConfig c = new ImageConfig(
                    new Platform(platform.path("os").asText(null), platform.path("architecture").asText(null),
                            platform.path("variant").asText(null)),
                    strings(config, "entrypoint", new ArrayList<>()), strings(config, "cmd", new ArrayList<>()),
                    strings(config, "env", new ArrayList<>()), config.path("workingDir").asText(null),
                    config.path("user").asText(null), strings(config, "exposedPorts", new LinkedHashSet<>()),
                    strings(config, "volumes", new LinkedHashSet<>()), labels(config.path("labels")));
            return new ImageStore.Metadata(root.path("id").asText(null), root.path("reference").asText(null),
                    root.path("manifestDigest").asText(null), c, strings(root, "diffIds", new ArrayList<>()));
        } catch (IllegalArgumentException e) {
            throw new IOException("image.json: " + e.getMessage(), e);
        }
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static <C extends Collection<String>> C strings(JsonNode parent, String field, C into) throws IOException {
        JsonNode array = parent.path(field);
        if (array.isMissingNode() || array.isNull()) {
            return into;
        }
        if (!array.isArray()) {
            throw new IOException("image.json: \"" + field + "\" is not a list");
        }
        array.forEach(v -> into.add(v.asText()));
        return into;
    }

    private static Map<String, String> labels(JsonNode labels) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        if (labels.isMissingNode() || labels.isNull()) {
            return map;
        }
        if (!labels.isObject()) {
            throw new IOException("image.json: \"labels\" is not an object");
        }
        labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static JsonNode field(JsonNode parent, String field) throws IOException {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new IOException("image.json has no \"" + field + "\" object");
        }
        return node;
    }
}
