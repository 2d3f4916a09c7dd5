package io.churnwatch.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.churnwatch.connect.ElasticsearchConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.flink.util.function.ThrowingRunnable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the documents the base writer batches as Elasticsearch bulk requests, and sorts each
 * response: items that were written or are already newer complete; items Elasticsearch cannot
 * take now (429, 5xx) go back to the buffer after a backoff; items it will never take (other
 * 4xx) go to the {@link FailedDocumentHandler}. A request that fails as a whole is retried unless
 * it cannot succeed (unknown host, 401, 403, 413, other 4xx), which fails the job.
 *
 * <p>Responses arrive on the HTTP client's threads and are handed to the task's mailbox, so the
 * failed-document handler, the counters and the backoff are only ever touched by the task
 * thread.
 *
 * <p>If a response comes back after the base writer's request timeout, the base writer has
 * already re-queued the documents and ignores this response; its rejected items still reach the
 * failed-document handler, so a document can be dead-lettered and then rejected again.
 */
public class ElasticsearchSinkWriter<InputT> extends AsyncSinkWriter<InputT, IndexDocument> {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);

    private final ElasticsearchAsyncClient client;
    private final String hosts;
    private final FailedDocumentHandler failedDocumentHandler;
    private final RequestFailureClassifier requestFailures;
    private final RetryBackoff backoff;
    private final MailboxExecutor mailbox;
    private final ProcessingTimeService timeService;

    private final Counter documentsWritten;
    private final Counter documentsAlreadyNewer;
    private final Counter documentsRetried;
    private final Counter documentsRejected;
    private final Counter requestsRetried;

    /** The last retry cause logged; a retry is logged at WARN again only when its cause changes. */
    private String lastRetryCause;

    private boolean closed;

    ElasticsearchSinkWriter(
            ElementConverter<InputT, IndexDocument> elementConverter,
            WriterInitContext context,
            AsyncSinkWriterConfiguration configuration,
            ElasticsearchConnection connection,
            FailedDocumentHandler failedDocumentHandler,
            RetryBackoff backoff,
            Collection<BufferedRequestState<IndexDocument>> restoredState) {
        super(elementConverter, context, configuration, restoredState);
        this.hosts = connection.hostsDescription();
        this.failedDocumentHandler = Objects.requireNonNull(failedDocumentHandler, "failedDocumentHandler");
        this.requestFailures = new RequestFailureClassifier(hosts);
        this.backoff = backoff;
        this.mailbox = context.getMailboxExecutor();
        this.timeService = context.getProcessingTimeService();
        this.documentsWritten = context.metricGroup().counter("numDocumentsWritten");
        this.documentsAlreadyNewer = context.metricGroup().counter("numDocumentsAlreadyNewer");
        this.documentsRetried = context.metricGroup().counter("numDocumentsRetried");
        this.documentsRejected = context.metricGroup().getNumRecordsOutErrorsCounter();
        this.requestsRetried = context.metricGroup().counter("numBulkRequestsRetried");
        try {
            failedDocumentHandler.open(context);
        } catch (Exception e) {
            throw new FlinkRuntimeException(
                    "Cannot open the failed-document handler "
                            + failedDocumentHandler.getClass().getName(),
                    e);
        }
        this.client = connection.createAsyncClient();
        LOG.info("Elasticsearch sink writer connected to {}", hosts);
    }

    @Override
    protected void submitRequestEntries(List<IndexDocument> documents, ResultHandler<IndexDocument> result) {
        try {
            client.bulk(BulkRequests.of(documents))
                    .whenComplete((response, error) -> onTaskThread(() -> {
                        if (error != null) {
                            handleRequestFailure(documents, error, result);
                        } else {
                            handleResponse(documents, response, result);
                        }
                    }));
        } catch (RuntimeException e) {
            // The client throws synchronously only when it cannot even start the request.
            handleRequestFailure(documents, e, result);
        }
    }

    private void onTaskThread(ThrowingRunnable<Exception> action) {
        try {
            mailbox.execute(action, "handle Elasticsearch bulk response");
        } catch (RejectedExecutionException e) {
            // The task is shutting down; the documents are still in the last checkpoint.
            LOG.debug("Dropping a bulk response because the task is closing");
        }
    }

    private void handleResponse(
            List<IndexDocument> documents, BulkResponse response, ResultHandler<IndexDocument> result)
            throws Exception {
        List<BulkResponseItem> items = response.items();
        if (items.size() != documents.size()) {
            result.completeExceptionally(new ElasticsearchSinkException("Elasticsearch at " + hosts
                    + " answered a bulk request of " + documents.size() + " documents with "
                    + items.size() + " items; cannot tell which documents were stored"));
            return;
        }
        List<IndexDocument> retry = new ArrayList<>();
        String retryCause = null;
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            IndexDocument document = documents.get(i);
            ErrorCause error = item.error();
            switch (BulkItemClassifier.classify(document, item.status(), error != null)) {
                case WRITTEN:
                    documentsWritten.inc();
                    break;
                case ALREADY_NEWER:
                    documentsAlreadyNewer.inc();
                    break;
                case RETRY:
                    retry.add(document);
                    retryCause = item.status() + " " + (error == null ? "" : error.type());
                    break;
                case DEAD_LETTER:
                    documentsRejected.inc();
                    failedDocumentHandler.onFailedDocument(new FailedDocument(
                            document,
                            item.status(),
                            error == null ? "unknown" : error.type(),
                            error == null || error.reason() == null ? "no reason given" : error.reason(),
                            Instant.now()));
                    break;
                default:
                    throw new IllegalStateException("Unhandled outcome for " + document);
            }
        }
        if (retry.isEmpty()) {
            succeeded();
            result.complete();
        } else {
            documentsRetried.inc(retry.size());
            logRetry(
                    retryCause,
                    "{} of {} documents were not taken ({}); retrying them",
                    retry.size(),
                    documents.size(),
                    retryCause);
            retryAfterBackoff(retry, result);
        }
    }

    private void handleRequestFailure(
            List<IndexDocument> documents, Throwable error, ResultHandler<IndexDocument> result) {
        if (!requestFailures.isRetryable(error, result::completeExceptionally)) {
            LOG.error("Elasticsearch sink stops: bulk request to {} cannot succeed", hosts);
            return;
        }
        requestsRetried.inc();
        documentsRetried.inc(documents.size());
        String cause = rootMessage(error);
        logRetry(cause, "Bulk request of {} documents to {} failed ({}); retrying", documents.size(), hosts, cause);
        retryAfterBackoff(documents, result);
    }

    private void retryAfterBackoff(List<IndexDocument> documents, ResultHandler<IndexDocument> result) {
        long delay = backoff.nextDelayMillis();
        // The request stays in flight during the delay, which is what slows the input down.
        timeService.registerTimer(
                timeService.getCurrentProcessingTime() + delay, time -> result.retryForEntries(documents));
    }

    private void succeeded() {
        backoff.reset();
        if (lastRetryCause != null) {
            LOG.info("Elasticsearch at {} takes documents again", hosts);
            lastRetryCause = null;
        }
    }

    private void logRetry(String cause, String message, Object... arguments) {
        if (!cause.equals(lastRetryCause)) {
            LOG.warn(message, arguments);
            lastRetryCause = cause;
        } else {
            LOG.debug(message, arguments);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    protected long getSizeInBytes(IndexDocument document) {
        return document.sizeInBytes();
    }

    @VisibleForTesting
    long documentsRetried() {
        return documentsRetried.getCount();
    }

    @VisibleForTesting
    long documentsAlreadyNewer() {
        return documentsAlreadyNewer.getCount();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            client._transport().close();
        } catch (Exception e) {
            LOG.warn("Closing the Elasticsearch client for {} failed: {}", hosts, e.toString());
        }
        try {
            failedDocumentHandler.close();
        } catch (Exception e) {
            LOG.warn("Closing the failed-document handler failed: {}", e.toString());
        }
        super.close();
    }
}
