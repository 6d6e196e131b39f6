package io.svcctl.importers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.svcctl.rootfs.Digest;
import io.svcctl.rootfs.ImageConfig;
import io.svcctl.rootfs.Platform;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Reads an OCI / Docker image config blob: the run-time defaults and the layers' diff ids. */
final class ConfigParser {
    /** What the config says: run-time defaults and, bottom first, the digests of the uncompressed layers. */
    record ParsedConfig(ImageConfig config, List<Digest> diffIds) {
        ParsedConfig {
            diffIds = List.copyOf(diffIds);
        }
    }

    private ConfigParser() {
    }

    static ParsedConfig parse(byte[] raw, String what) throws ImportException {
        String doing = "reading the image config of " + what;
        JsonNode root = Json.parse(raw, doing);
        if (!root.isObject()) {
            throw new ImportException(doing, "it is not a JSON object");
        }
        Platform platform;
        try {
            platform = new Platform(Json.text(root, "os"), Json.text(root, "architecture"), Json.text(root, "variant"));
        } catch (IllegalArgumentException e) {
            throw new ImportException(doing, "it names no os and architecture");
        }
        JsonNode c = root.get("config");
        if (c != null && !c.isNull() && !c.isObject()) {
            throw new ImportException(doing, "'config' is not an object");
        }
        ImageConfig config = new ImageConfig(platform,
                Json.strings(c, "Entrypoint", doing),
                Json.strings(c, "Cmd", doing),
                Json.strings(c, "Env", doing),
                Json.text(c, "WorkingDir"),
                Json.text(c, "User"),
                new LinkedHashSet<>(Json.keys(c, "ExposedPorts", doing)),
                new LinkedHashSet<>(Json.keys(c, "Volumes", doing)),
                Json.stringMap(c, "Labels", doing));
        JsonNode rootfs = root.get("rootfs");
        if (rootfs == null || !rootfs.isObject() || !"layers".equals(Json.text(rootfs, "type"))) {
            throw new ImportException(doing, "'rootfs' is missing or its type is not \"layers\"");
        }
        List<Digest> diffIds = new ArrayList<>();
        for (String id : Json.strings(rootfs, "diff_ids", doing)) {
            try {
                diffIds.add(Digest.parse(id));
            } catch (IllegalArgumentException e) {
                throw new ImportException(doing, "diff id " + diffIds.size() + ": " + e.getMessage());
            }
        }
        return new ParsedConfig(config, diffIds);
    }
}
