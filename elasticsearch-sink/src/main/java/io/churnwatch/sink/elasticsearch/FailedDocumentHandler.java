package io.churnwatch.sink.elasticsearch;

import java.io.Serializable;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Receives the documents Elasticsearch rejected for good (a 4xx other than 408, 409 and 429),
 * so that they are not lost; the ChurnWatch job sends them to {@code churn-dlq} as a
 * {@code DeadLetter} with stage {@code elasticsearch}.
 *
 * <p>Travels with the sink, so it is serializable; it is opened once per writer on the worker.
 * The writer calls it on the task thread, never concurrently, so it needs no locking. An
 * exception thrown here fails the job: a dead-letter channel that loses documents must not be
 * ignored.
 */
public interface FailedDocumentHandler extends Serializable {

    /** Called once on the worker before the first failure, e.g. to open a producer. */
    default void open(WriterInitContext context) throws Exception {}

    void onFailedDocument(FailedDocument failure) throws Exception;

    /** Called when the writer closes. */
    default void close() throws Exception {}
}
