package io.churnwatch.schemas.jsonl;

/**
 * A line a lenient {@link JsonLinesReader} skipped, kept whole so it can be dead-lettered.
 *
 * @param text the line as read, without its line break
 * @param error what is wrong with it; its message names the line and field
 */
public record BadLine(long lineNumber, String text, JsonLinesException error) {

    public String message() {
        return error.getMessage();
    }
}
