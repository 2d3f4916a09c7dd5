package io.churnwatch.schemas.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Parses one JSON Lines line into an input event. Thread-safe; use it directly when lines arrive one
 * at a time (a socket, a Flink source), or through {@link JsonLinesReader} for a file.
 */
public final class EventLineParser {

    static final String STREAM_FIELD = "stream";

    /**
     * @return the event, or empty for a blank line or a {@code #} comment
     * @throws JsonLinesException if the line is not a valid event; the message names line and field
     */
    public Optional<StreamEvent> parse(String line, long lineNumber) {
        String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JsonSupport.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            String where = column > 0 ? " at column " + column : "";
            throw new JsonLinesException(
                    null, lineNumber, null, "invalid JSON" + where + ": " + e.getOriginalMessage(), false);
        }
        if (!node.isObject()) {
            throw new JsonLinesException(
                    null,
                    lineNumber,
                    null,
                    "expected one JSON object per line, got "
                            + node.getNodeType().name().toLowerCase(),
                    false);
        }
        ObjectNode object = ((ObjectNode) node).deepCopy();
        EventStream stream = stream(object.remove(STREAM_FIELD), lineNumber);
        Schema schema = stream.schema();
        boolean deriveId = schema.getField(EventIds.FIELD) != null && !object.has(EventIds.FIELD);
        if (deriveId) {
            object.put(EventIds.FIELD, ""); // placeholder, replaced below once the rest has been validated
        }
        SpecificRecord record;
        try {
            record = new RecordFromJson(stream.recordClass(), "stream " + stream.streamName()).read(object, schema);
        } catch (JsonFieldException e) {
            throw new JsonLinesException(null, lineNumber, e.path(), e.problem(), e.problemNamesField());
        }
        if (deriveId) {
            record.put(schema.getField(EventIds.FIELD).pos(), EventIds.derive(stream, record));
        }
        return Optional.of(new StreamEvent(stream, record, lineNumber));
    }

    private static EventStream stream(JsonNode value, long lineNumber) {
        if (value == null) {
            throw new JsonLinesException(
                    null,
                    lineNumber,
                    STREAM_FIELD,
                    "missing field 'stream' (one of " + EventStream.streamNames() + ")",
                    true);
        }
        if (!value.isTextual()) {
            throw new JsonLinesException(
                    null,
                    lineNumber,
                    STREAM_FIELD,
                    "expected one of " + EventStream.streamNames() + ", got " + value,
                    false);
        }
        String name = value.textValue();
        return EventStream.forName(name)
                .orElseThrow(() -> new JsonLinesException(
                        null,
                        lineNumber,
                        STREAM_FIELD,
                        "unknown stream '" + name + "'"
                                + Suggestions.didYouMean(name, EventStream.streamNameList(), "'") + "; known streams: "
                                + EventStream.streamNames(),
                        false));
    }
}
