package io.svcctl.importers.docker;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON reading for manifests, configs and docker-archive metadata. Duplicate keys are refused: two
 * parsers that pick different duplicates would see different images behind one digest.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    static JsonNode parse(byte[] bytes, String doing) throws ImportException {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new ImportException(doing, "the document is empty");
            }
            return node;
        } catch (IOException e) {
            if (e instanceof ImportException ie) {
                throw ie;
            }
            throw new ImportException(doing, "not valid JSON: " + originalMessage(e), e);
        }
    }

    private static String originalMessage(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    }

    /** A descriptor object: mediaType, digest, size. */
    static Descriptor descriptor(JsonNode node, String doing) throws ImportException {
        if (node == null || !node.isObject()) {
            throw new ImportException(doing, "a descriptor is missing or not an object");
        }
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToLong() || !size.isIntegralNumber()) {
            throw new ImportException(doing, "descriptor has no valid size: " + node);
        }
        try {
            return new Descriptor(text(node, "mediaType"), Digest.parse(requiredText(node, "digest", doing)), size.asLong());
        } catch (IllegalArgumentException e) {
            throw new ImportException(doing, e.getMessage());
        }
    }

    static String requiredText(JsonNode node, String field, String doing) throws ImportException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new ImportException(doing, "field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    /** A string field, or null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A string array field; absent or null is empty. */
    static List<String> strings(JsonNode node, String field, String doing) throws ImportException {
        JsonNode value = node == null ? null : node.get(field);
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            throw new ImportException(doing, "field '" + field + "' is not an array");
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new ImportException(doing, "field '" + field + "' holds a non-string: " + item);
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A string-to-string object field; absent or null is empty. */
    static Map<String, String> stringMap(JsonNode node, String field, String doing) throws ImportException {
        JsonNode value = node == null ? null : node.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isObject()) {
            throw new ImportException(doing, "field '" + field + "' is not an object");
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!e.getValue().isTextual()) {
                throw new ImportException(doing, "field '" + field + "." + e.getKey() + "' is not a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** The keys of an object field such as ExposedPorts or Volumes ({@code {"80/tcp": {}}}); absent or null is empty. */
    static List<String> keys(JsonNode node, String field, String doing) throws ImportException {
        JsonNode value = node == null ? null : node.get(field);
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isObject()) {
            throw new ImportException(doing, "field '" + field + "' is not an object");
        }
        value.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
