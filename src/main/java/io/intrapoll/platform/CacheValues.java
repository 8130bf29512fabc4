package io.intrapoll.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * How the application writes values into its caches: as JSON text, one way for every cache. Text, so that every
 * node reads what any node wrote without sharing classes with the cache's marshaller; deterministic (JSON-B writes a
 * record's components in lexicographic order), so that writing a value read back gives the same text, which the
 * caches' conditional replace compares.
 */
public final class CacheValues {

    private static final Jsonb JSON = JsonbBuilder.create();

    private CacheValues() {}

    public static String write(Object value) {
        return JSON.toJson(value);
    }

    public static <T> T read(String text, Class<T> type) {
        return JSON.fromJson(text, type);
    }
}
