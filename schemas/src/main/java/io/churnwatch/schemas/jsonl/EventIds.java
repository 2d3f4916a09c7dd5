package io.churnwatch.schemas.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.specific.SpecificRecord;

/**
 * Event ids for hand-written events that leave {@code event_id} out.
 *
 * <p>The id is {@code <stream>-} followed by the first 20 hex digits of the SHA-256 of the stream name,
 * a newline and the event's normalized JSON without event_id (fields in schema order, timestamps in Z,
 * enum symbols upper case, optional nulls left out). So the same event always gets the same id however
 * it was spelled, and a replay is repeatable. Two identical lines therefore share an id and count once,
 * like a redelivery; give them explicit event_ids if they are meant as two events.
 */
public final class EventIds {

    static final String FIELD = "event_id";
    private static final int HEX_DIGITS = 20;

    private EventIds() {}

    /** The id {@code record} would get if written without event_id; its own event_id is ignored. */
    public static String derive(EventStream stream, SpecificRecord record) {
        ObjectNode json = RecordToJson.write(record);
        json.remove(FIELD);
        try {
            String canonical = stream.streamName() + "\n" + JsonSupport.MAPPER.writeValueAsString(json);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return stream.streamName() + "-" + HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot derive an event id", e);
        }
    }
}
