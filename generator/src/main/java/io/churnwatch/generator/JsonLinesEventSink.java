package io.churnwatch.generator;

import io.churnwatch.schemas.jsonl.JsonLinesWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes events as JSON Lines in the schemas module's format, so {@code JsonLinesReader} and the
 * replay job read them back. One line per event, in emission order, duplicates included.
 */
public final class JsonLinesEventSink implements EventSink {

    private final JsonLinesWriter writer;

    public JsonLinesEventSink(JsonLinesWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** Creates or truncates {@code file}. */
    public static JsonLinesEventSink open(Path file) throws IOException {
        return new JsonLinesEventSink(JsonLinesWriter.open(file));
    }

    @Override
    public void accept(GeneratedEvent event) throws IOException {
        writer.write(event.record());
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
