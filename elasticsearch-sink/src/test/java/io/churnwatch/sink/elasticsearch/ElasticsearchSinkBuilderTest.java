package io.churnwatch.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.connect.ElasticsearchConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkBuilderTest {

    /** Any record type will do: the builder knows nothing of what it indexes. */
    private static final ElementConverter<String, IndexDocument> AS_DOCUMENT =
            (text, context) -> IndexDocument.upsert("docs", text, text.getBytes(StandardCharsets.UTF_8));

    @Test
    void saysWhatIsMissingAndWhy() {
        assertThatThrownBy(() -> ElasticsearchSink.<String>builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no network config")
                .hasMessageContaining("so the sink knows which cluster to write to")
                .hasMessageContaining("no element converter");
    }

    @Test
    void refusesABufferSmallerThanABatch() {
        assertThatThrownBy(() -> ElasticsearchSink.<String>builder()
                        .setConnection(ElasticsearchConnection.of("http://127.0.0.1:9200"))
                        .setElementConverter(AS_DOCUMENT)
                        .setMaxBatchSize(1000)
                        .setMaxBufferedRequests(100)
                        .build())
                .hasMessageContaining("maxBufferedRequests (100) must be at least maxBatchSize (1000)");
    }

    @Test
    void refusesNonPositiveLimits() {
        assertThatThrownBy(() -> ElasticsearchSink.<String>builder()
                        .setConnection(ElasticsearchConnection.of("http://127.0.0.1:9200"))
                        .setElementConverter(AS_DOCUMENT)
                        .setMaxInFlightRequests(0)
                        .setMaxTimeInBuffer(Duration.ZERO)
                        .build())
                .hasMessageContaining("maxInFlightRequests must be positive, was 0")
                .hasMessageContaining("maxTimeInBuffer must be a positive duration");
    }

    @Test
    void buildsASerializableSinkWithTheNamedDefaults() throws Exception {
        ElasticsearchSink<String> sink = ElasticsearchSink.<String>builder()
                .setConnection(ElasticsearchConnection.of("http://127.0.0.1:9200"))
                .setElementConverter(AS_DOCUMENT)
                .build();

        ElasticsearchSink<String> copy = InstantiationUtil.clone(sink);

        assertThat(copy.writerConfiguration().getMaxBatchSize())
                .isEqualTo(ElasticsearchSinkBuilder.DEFAULT_MAX_BATCH_SIZE);
        assertThat(copy.writerConfiguration().getMaxInFlightRequests())
                .isEqualTo(ElasticsearchSinkBuilder.DEFAULT_MAX_IN_FLIGHT_REQUESTS);
        assertThat(copy.writerConfiguration().getMaxTimeInBufferMS())
                .isEqualTo(ElasticsearchSinkBuilder.DEFAULT_MAX_TIME_IN_BUFFER.toMillis());
        assertThat(copy.getWriterStateSerializer()).isInstanceOf(IndexDocumentStateSerializer.class);
    }
}
