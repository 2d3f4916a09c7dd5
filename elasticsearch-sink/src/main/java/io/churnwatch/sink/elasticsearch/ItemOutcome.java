package io.churnwatch.sink.elasticsearch;

/** What the writer does with one item of a bulk response. */
public enum ItemOutcome {
    /** Stored. */
    WRITTEN,
    /**
     * Rejected with a version conflict because the stored document has a newer (or the same)
     * external version: a replay or a late revision. The newer state is already there, so this
     * counts as success.
     */
    ALREADY_NEWER,
    /** Elasticsearch could not take it now (429, 5xx, a conflict between concurrent updates). */
    RETRY,
    /** Elasticsearch will never take it as it is (mapping conflict, bad id, ...). */
    DEAD_LETTER
}
