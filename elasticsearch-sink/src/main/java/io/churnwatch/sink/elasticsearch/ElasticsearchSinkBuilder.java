package io.churnwatch.sink.elasticsearch;

import io.churnwatch.connect.ElasticsearchConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * Builds an {@link ElasticsearchSink}. Everything but the network config and the element
 * converter has a named default; {@link #build()} checks all settings at once and says what is
 * wrong and why.
 *
 * <pre>{@code
 * ElasticsearchSink<Order> sink = ElasticsearchSink.<Order>builder()
 *         .setConnection(ElasticsearchConnection.of("http://127.0.0.1:9200"))
 *         .setElementConverter((order, context) -> IndexDocument.upsert("orders", order.id(), order.json()))
 *         .setFailedDocumentHandler(deadLetters)
 *         .build();
 * }</pre>
 */
public class ElasticsearchSinkBuilder<InputT> {

    /** Documents per bulk request; Elastic suggests bulk requests of a few MB. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 500;

    public static final long DEFAULT_MAX_BATCH_SIZE_IN_BYTES = 5L * 1024 * 1024;
    /** Concurrent bulk requests per writer; more mostly fills the cluster's write queue. */
    public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 2;
    /** Documents buffered per writer before it backpressures its input. */
    public static final int DEFAULT_MAX_BUFFERED_REQUESTS = 10_000;
    /**
     * Longest wait of a document in the buffer when no batch fills. The wait adds to how late a
     * document becomes searchable (plus the index refresh); a sink whose documents are wanted in
     * search at once sets a shorter one, which under load changes nothing because batches fill by
     * count first.
     */
    public static final Duration DEFAULT_MAX_TIME_IN_BUFFER = Duration.ofSeconds(1);

    public static final long DEFAULT_MAX_RECORD_SIZE_IN_BYTES = 1024L * 1024;
    /** A bulk request not answered by then is sent again (the client's socket timeout is 60 s). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);

    public static final Duration DEFAULT_INITIAL_RETRY_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(10);

    private ElementConverter<InputT, IndexDocument> elementConverter;
    private ElasticsearchConnection connection;
    private FailedDocumentHandler failedDocumentHandler = new LoggingFailedDocumentHandler();
    private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
    private long maxBatchSizeInBytes = DEFAULT_MAX_BATCH_SIZE_IN_BYTES;
    private int maxInFlightRequests = DEFAULT_MAX_IN_FLIGHT_REQUESTS;
    private int maxBufferedRequests = DEFAULT_MAX_BUFFERED_REQUESTS;
    private Duration maxTimeInBuffer = DEFAULT_MAX_TIME_IN_BUFFER;
    private long maxRecordSizeInBytes = DEFAULT_MAX_RECORD_SIZE_IN_BYTES;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private boolean failOnTimeout = false;
    private Duration initialRetryBackoff = DEFAULT_INITIAL_RETRY_BACKOFF;
    private Duration maxRetryBackoff = DEFAULT_MAX_RETRY_BACKOFF;

    ElasticsearchSinkBuilder() {}

    /** Turns each input element into the document to write. Required. */
    public ElasticsearchSinkBuilder<InputT> setElementConverter(ElementConverter<InputT, IndexDocument> converter) {
        this.elementConverter = converter;
        return this;
    }

    /** Where the cluster is and how to authenticate. Required. */
    public ElasticsearchSinkBuilder<InputT> setConnection(ElasticsearchConnection connection) {
        this.connection = connection;
        return this;
    }

    /** Receives documents Elasticsearch rejects for good. Defaults to logging and counting them. */
    public ElasticsearchSinkBuilder<InputT> setFailedDocumentHandler(FailedDocumentHandler handler) {
        this.failedDocumentHandler = handler;
        return this;
    }

    public ElasticsearchSinkBuilder<InputT> setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    public ElasticsearchSinkBuilder<InputT> setMaxBatchSizeInBytes(long maxBatchSizeInBytes) {
        this.maxBatchSizeInBytes = maxBatchSizeInBytes;
        return this;
    }

    public ElasticsearchSinkBuilder<InputT> setMaxInFlightRequests(int maxInFlightRequests) {
        this.maxInFlightRequests = maxInFlightRequests;
        return this;
    }

    public ElasticsearchSinkBuilder<InputT> setMaxBufferedRequests(int maxBufferedRequests) {
        this.maxBufferedRequests = maxBufferedRequests;
        return this;
    }

    public ElasticsearchSinkBuilder<InputT> setMaxTimeInBuffer(Duration maxTimeInBuffer) {
        this.maxTimeInBuffer = maxTimeInBuffer;
        return this;
    }

    public ElasticsearchSinkBuilder<InputT> setMaxRecordSizeInBytes(long maxRecordSizeInBytes) {
        this.maxRecordSizeInBytes = maxRecordSizeInBytes;
        return this;
    }

    /** How long to wait for a bulk response before sending the documents again (or failing). */
    public ElasticsearchSinkBuilder<InputT> setRequestTimeout(Duration requestTimeout, boolean failOnTimeout) {
        this.requestTimeout = requestTimeout;
        this.failOnTimeout = failOnTimeout;
        return this;
    }

    /** Delay before resending after a failure; doubles per consecutive failure up to {@code max}. */
    public ElasticsearchSinkBuilder<InputT> setRetryBackoff(Duration initial, Duration max) {
        this.initialRetryBackoff = initial;
        this.maxRetryBackoff = max;
        return this;
    }

    public ElasticsearchSink<InputT> build() {
        List<String> problems = new ArrayList<>();
        if (connection == null) {
            problems.add("no network config: call setConnection(ElasticsearchConnection.of(\"http://host:9200\"))"
                    + " so the sink knows which cluster to write to");
        }
        if (elementConverter == null) {
            problems.add("no element converter: call setElementConverter(...) to say which index, id"
                    + " and JSON each element becomes");
        }
        if (failedDocumentHandler == null) {
            problems.add("no failed-document handler: rejected documents would be lost; keep the default"
                    + " LoggingFailedDocumentHandler or pass one that dead-letters them");
        }
        positive("maxBatchSize", maxBatchSize, problems);
        positive("maxBatchSizeInBytes", maxBatchSizeInBytes, problems);
        positive("maxInFlightRequests", maxInFlightRequests, problems);
        positive("maxBufferedRequests", maxBufferedRequests, problems);
        positive("maxRecordSizeInBytes", maxRecordSizeInBytes, problems);
        positive("maxTimeInBuffer", maxTimeInBuffer, problems);
        positive("requestTimeout", requestTimeout, problems);
        positive("initialRetryBackoff", initialRetryBackoff, problems);
        positive("maxRetryBackoff", maxRetryBackoff, problems);
        if (maxBufferedRequests < maxBatchSize) {
            problems.add("maxBufferedRequests (" + maxBufferedRequests + ") must be at least maxBatchSize ("
                    + maxBatchSize + "), or a full batch could never be buffered");
        }
        if (maxRecordSizeInBytes > maxBatchSizeInBytes) {
            problems.add("maxRecordSizeInBytes (" + maxRecordSizeInBytes + ") must not exceed maxBatchSizeInBytes ("
                    + maxBatchSizeInBytes + "), or a large document could never be sent");
        }
        if (initialRetryBackoff != null
                && maxRetryBackoff != null
                && maxRetryBackoff.compareTo(initialRetryBackoff) < 0) {
            problems.add("maxRetryBackoff (" + maxRetryBackoff + ") must not be shorter than initialRetryBackoff ("
                    + initialRetryBackoff + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Cannot build the Elasticsearch sink: " + String.join("; ", problems));
        }
        return new ElasticsearchSink<>(this);
    }

    private static void positive(String name, long value, List<String> problems) {
        if (value <= 0) {
            problems.add(name + " must be positive, was " + value);
        }
    }

    private static void positive(String name, Duration value, List<String> problems) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(name + " must be a positive duration, was " + value);
        }
    }

    ElementConverter<InputT, IndexDocument> elementConverter() {
        return elementConverter;
    }

    ElasticsearchConnection connection() {
        return connection;
    }

    FailedDocumentHandler failedDocumentHandler() {
        return failedDocumentHandler;
    }

    int maxBatchSize() {
        return maxBatchSize;
    }

    long maxBatchSizeInBytes() {
        return maxBatchSizeInBytes;
    }

    int maxInFlightRequests() {
        return maxInFlightRequests;
    }

    int maxBufferedRequests() {
        return maxBufferedRequests;
    }

    long maxTimeInBufferMillis() {
        return maxTimeInBuffer.toMillis();
    }

    long maxRecordSizeInBytes() {
        return maxRecordSizeInBytes;
    }

    long requestTimeoutMillis() {
        return requestTimeout.toMillis();
    }

    boolean failOnTimeout() {
        return failOnTimeout;
    }

    Duration initialRetryBackoff() {
        return initialRetryBackoff;
    }

    Duration maxRetryBackoff() {
        return maxRetryBackoff;
    }
}
