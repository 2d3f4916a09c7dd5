package io.churnwatch.schemas.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Any generated record as one line of JSON, with the JSON Lines conventions but no "stream" field:
 * how a replay writes incidents and alerts, and how tests read them back.
 */
public final class AvroJson {

    private AvroJson() {}

    /** One line of JSON, no line break. */
    public static String toJson(SpecificRecord record) {
        try {
            return JsonSupport.MAPPER.writeValueAsString(RecordToJson.write(record));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads what {@link #toJson} wrote (or a hand-written equivalent).
     *
     * @throws IllegalArgumentException naming the field, if the JSON does not fit {@code type}
     */
    public static <T extends SpecificRecord> T fromJson(String json, Class<T> type) {
        JsonNode node;
        try {
            node = JsonSupport.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "invalid JSON for " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
        try {
            return type.cast(new RecordFromJson(type, type.getSimpleName())
                    .read(node, SpecificData.get().getSchema(type)));
        } catch (JsonFieldException e) {
            throw new IllegalArgumentException(type.getSimpleName() + " " + e.getMessage(), e);
        }
    }
}
