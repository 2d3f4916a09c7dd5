package io.churnwatch.sink.elasticsearch;

/**
 * Decides, per bulk item, between success, retry and dead letter. The whole status-code policy
 * lives here so that it can be read in one place and tested without a server.
 *
 * <p>Unlike the upstream Elasticsearch 8 connector (FLINK-35546), a 4xx other than 408, 409 and
 * 429 is never retried: resending a document that does not fit the mapping fails the same way
 * forever and would block the sink's checkpoint.
 */
public final class BulkItemClassifier {

    private static final int CONFLICT = 409;
    private static final int REQUEST_TIMEOUT = 408;
    private static final int TOO_MANY_REQUESTS = 429;

    private BulkItemClassifier() {}

    /**
     * @param document the document the item belongs to
     * @param status the item's HTTP status
     * @param hasError whether the item carries an error object
     */
    public static ItemOutcome classify(IndexDocument document, int status, boolean hasError) {
        if (!hasError && status >= 200 && status < 300) {
            return ItemOutcome.WRITTEN;
        }
        if (status == CONFLICT) {
            // With external versions a conflict means "stored is newer or equal"; without them it
            // means two updates of one document raced, and the later one should go again.
            return document.isVersioned() ? ItemOutcome.ALREADY_NEWER : ItemOutcome.RETRY;
        }
        if (status == TOO_MANY_REQUESTS || status == REQUEST_TIMEOUT || status >= 500) {
            return ItemOutcome.RETRY;
        }
        return ItemOutcome.DEAD_LETTER;
    }
}
