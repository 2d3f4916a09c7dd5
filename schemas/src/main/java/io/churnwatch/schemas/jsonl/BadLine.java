package io.churnwatch.schemas.jsonl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A line a lenient {@link JsonLinesReader} skipped, kept whole so it can be dead-lettered.
 *
 * @param text the line as read, without its line break; a line that is not UTF-8 has each bad byte
 *     replaced by U+FFFD here
 * @param error what is wrong with it; its message names the line and field
 * @param originalOrNull the line's bytes when they are not UTF-8 (so a dead letter keeps them as
 *     they were), else null; use {@link #bytes()}
 */
public record BadLine(long lineNumber, String text, JsonLinesException error, byte[] originalOrNull) {

    public BadLine(long lineNumber, String text, JsonLinesException error) {
        this(lineNumber, text, error, null);
    }

    public String message() {
        return error.getMessage();
    }

    /** The line's bytes as they were in the input, without its line break. */
    public byte[] bytes() {
        return originalOrNull == null
                ? text.getBytes(StandardCharsets.UTF_8)
                : Arrays.copyOf(originalOrNull, originalOrNull.length);
    }
}
