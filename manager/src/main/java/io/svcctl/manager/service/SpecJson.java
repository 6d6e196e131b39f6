package io.svcctl.manager.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/** {@code service.json}: the one JSON form of a spec, stored with the dataset and edited by {@code svcctl edit}. */
public final class SpecJson {
    // no modules: a spec holds no java.time or Optional values, and finding them loads ~100 classes per command
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SpecJson() {
    }

    public static byte[] write(ServiceSpec spec) throws IOException {
        return JSON.writeValueAsBytes(spec);
    }

    /** Parses and validates a spec; a malformed or invalid one is refused naming {@code origin}. */
    public static ServiceSpec read(byte[] json, String origin) throws IOException {
        try {
            return JSON.readValue(json, ServiceSpec.class);
        } catch (JacksonException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("while reading the spec in " + origin + ": "
                    + cause.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
