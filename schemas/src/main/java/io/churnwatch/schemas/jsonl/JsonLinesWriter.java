package io.churnwatch.schemas.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes records as JSON Lines. The four input records get a leading {@code "stream"} field so
 * {@link JsonLinesReader} reads them back; any other record (incidents, alerts) is written as
 * {@link AvroJson#toJson} does, without one. Not thread-safe.
 */
public final class JsonLinesWriter implements Closeable, Flushable {

    private final Writer out;

    public JsonLinesWriter(Writer out) {
        this.out = out;
    }

    /** Creates or truncates a UTF-8 file. */
    public static JsonLinesWriter open(Path file) throws IOException {
        return new JsonLinesWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    public JsonLinesWriter write(SpecificRecord record) throws IOException {
        out.write(toLine(record));
        out.write('\n');
        return this;
    }

    public JsonLinesWriter write(StreamEvent event) throws IOException {
        return write(event.record());
    }

    /** One line, without line break: with {@code "stream"} for input records, as {@link #toJson} otherwise. */
    public static String toLine(SpecificRecord record) {
        ObjectNode fields = RecordToJson.write(record);
        ObjectNode line = JsonSupport.MAPPER.createObjectNode();
        EventStream.forClass(record.getClass()).ifPresent(s -> line.put(EventLineParser.STREAM_FIELD, s.streamName()));
        line.setAll(fields);
        try {
            return JsonSupport.MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any record as JSON without a "stream" field; see {@link AvroJson#toJson}. */
    public static String toJson(SpecificRecord record) {
        return AvroJson.toJson(record);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
