package io.churnwatch.sink.elasticsearch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A document Elasticsearch rejected for good, with what it said.
 *
 * @param document the rejected document, source included, so that it can be dead-lettered
 * @param status the item's HTTP status, e.g. 400
 * @param errorType Elasticsearch's error type, e.g. {@code document_parsing_exception}
 * @param reason Elasticsearch's reason, e.g. which field failed to parse
 * @param failedAt wall-clock time the response arrived
 */
public record FailedDocument(IndexDocument document, int status, String errorType, String reason, Instant failedAt)
        implements Serializable {

    public String index() {
        return document.index();
    }

    public String id() {
        return document.id();
    }

    /** One line a person can act on; names the document but holds none of its source. */
    public String describe() {
        return "Elasticsearch rejected " + document.operation() + " " + index() + "/" + id() + " with status " + status
                + " (" + errorType + "): " + reason;
    }

    public String sourceAsString() {
        return new String(document.json(), StandardCharsets.UTF_8);
    }
}
