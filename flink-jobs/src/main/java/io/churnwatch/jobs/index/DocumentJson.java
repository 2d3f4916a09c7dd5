package io.churnwatch.jobs.index;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The conventions shared by ChurnWatch's Elasticsearch documents: snake_case names, ISO-8601 UTC
 * timestamps, decimals as plain numbers, absent values left out rather than written as null.
 */
final class DocumentJson {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private DocumentJson() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void putText(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }

    static void putTime(ObjectNode node, String field, Instant value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }

    static void putStrings(ObjectNode node, String field, Collection<String> values) {
        ArrayNode array = node.putArray(field);
        if (values != null) {
            values.forEach(array::add);
        }
    }

    /** Sorted, so that the same input always yields the same bytes. */
    static void putStringMap(ObjectNode node, String field, Map<String, String> values) {
        ObjectNode object = node.putObject(field);
        if (values != null) {
            new TreeMap<>(values).forEach(object::put);
        }
    }

    static byte[] bytes(ObjectNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a document tree as JSON", e);
        }
    }
}
