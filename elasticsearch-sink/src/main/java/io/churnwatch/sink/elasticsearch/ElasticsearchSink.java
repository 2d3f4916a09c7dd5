package io.churnwatch.sink.elasticsearch;

import io.churnwatch.connect.ElasticsearchConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Flink sink that writes documents to Elasticsearch 8 with the bulk API, at least once.
 *
 * <p>The base class batches (by count, bytes and time), bounds in-flight requests and buffered
 * documents (backpressure), and flushes everything buffered and in flight on each checkpoint;
 * documents not yet acknowledged are in the writer state, written by
 * {@link IndexDocumentStateSerializer}. Replays are harmless as long as ids are deterministic.
 *
 * <p>Holds only serializable configuration; each writer builds its own client on the worker.
 * Build one with {@link #builder()}.
 */
public class ElasticsearchSink<InputT> extends AsyncSinkBase<InputT, IndexDocument> {

    private static final long serialVersionUID = 1L;

    private final ElasticsearchConnection connection;
    private final FailedDocumentHandler failedDocumentHandler;
    private final Duration initialRetryBackoff;
    private final Duration maxRetryBackoff;

    ElasticsearchSink(ElasticsearchSinkBuilder<InputT> builder) {
        super(
                builder.elementConverter(),
                builder.maxBatchSize(),
                builder.maxInFlightRequests(),
                builder.maxBufferedRequests(),
                builder.maxBatchSizeInBytes(),
                builder.maxTimeInBufferMillis(),
                builder.maxRecordSizeInBytes(),
                builder.requestTimeoutMillis(),
                builder.failOnTimeout());
        this.connection = builder.connection();
        this.failedDocumentHandler = builder.failedDocumentHandler();
        this.initialRetryBackoff = builder.initialRetryBackoff();
        this.maxRetryBackoff = builder.maxRetryBackoff();
    }

    public static <InputT> ElasticsearchSinkBuilder<InputT> builder() {
        return new ElasticsearchSinkBuilder<>();
    }

    @Override
    public StatefulSinkWriter<InputT, BufferedRequestState<IndexDocument>> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<InputT, BufferedRequestState<IndexDocument>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<IndexDocument>> recoveredState) {
        return new ElasticsearchSinkWriter<>(
                getElementConverter(),
                context,
                writerConfiguration(),
                connection,
                failedDocumentHandler,
                new RetryBackoff(initialRetryBackoff, maxRetryBackoff),
                recoveredState);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<IndexDocument>> getWriterStateSerializer() {
        return new IndexDocumentStateSerializer();
    }

    AsyncSinkWriterConfiguration writerConfiguration() {
        return AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .setRequestTimeoutMS(getRequestTimeoutMS())
                .setFailOnTimeout(getFailOnTimeout())
                .build();
    }
}
