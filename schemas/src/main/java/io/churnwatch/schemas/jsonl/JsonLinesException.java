package io.churnwatch.schemas.jsonl;

import java.util.Optional;

/**
 * A JSON Lines line that is not a valid event. The message names the line and, where there is one,
 * the field: {@code line 12, field 'promised_ship_by': expected an ISO-8601 UTC timestamp like
 * 2026-11-23T10:00:00Z, got "2026-13-01"}.
 */
public final class JsonLinesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long lineNumber;
    private final String field;
    private final String problem;
    private final boolean problemNamesField;

    JsonLinesException(String source, long lineNumber, String field, String problem, boolean problemNamesField) {
        super(format(source, lineNumber, field, problem, problemNamesField));
        this.source = source;
        this.lineNumber = lineNumber;
        this.field = field;
        this.problem = problem;
        this.problemNamesField = problemNamesField;
    }

    private static String format(String source, long line, String field, String problem, boolean problemNamesField) {
        StringBuilder message = new StringBuilder();
        if (source != null) {
            message.append(source).append(": ");
        }
        message.append("line ").append(line);
        if (field != null && !problemNamesField) {
            message.append(", field '").append(field).append('\'');
        }
        return message.append(": ").append(problem).toString();
    }

    JsonLinesException withSource(String newSource) {
        return new JsonLinesException(newSource, lineNumber, field, problem, problemNamesField);
    }

    /** The file it came from, if known. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    public long lineNumber() {
        return lineNumber;
    }

    /** The field at fault as a path ({@code promise.due_at}, {@code reasons[0].kind}), if the problem has one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The problem without the line and field prefix. */
    public String problem() {
        return problem;
    }
}
