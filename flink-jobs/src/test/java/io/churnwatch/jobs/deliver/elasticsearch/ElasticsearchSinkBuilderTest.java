package io.churnwatch.jobs.deliver.elasticsearch;

import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.events.Incident;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElasticsearchSinkBuilderTest {

    @Test
    void saysWhatIsMissingAndWhy() {
        assertThatThrownBy(() -> ElasticsearchSink.<Incident>builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no network config")
                .hasMessageContaining("so the sink knows which cluster to write to")
                .hasMessageContaining("no element converter");
    }

    @Test
    void refusesABufferSmallerThanABatch() {
        assertThatThrownBy(() -> ElasticsearchSink.<Incident>builder()
                        .setConnection(ElasticsearchConnection.of("http://127.0.0.1:9200"))
                        .setElementConverter(new IncidentDocuments())
                        .setMaxBatchSize(1000)
                        .setMaxBufferedRequests(100)
                        .build())
                .hasMessageContaining("maxBufferedRequests (100) must be at least maxBatchSize (1000)");
    }

    @Test
    void refusesNonPositiveLimits() {
        assertThatThrownBy(() -> ElasticsearchSink.<Incident>builder()
                        .setConnection(ElasticsearchConnection.of("http://127.0.0.1:9200"))
                        .setElementConverter(new IncidentDocuments())
                        .setMaxInFlightRequests(0)
                        .setMaxTimeInBuffer(Duration.ZERO)
                        .build())
                .hasMessageContaining("maxInFlightRequests must be positive, was 0")
                .hasMessageContaining("maxTimeInBuffer must be a positive duration");
    }

    @Test
    void buildsASerializableSinkWithTheNamedDefaults() throws Exception {
        ElasticsearchSink<Incident> sink = ElasticsearchSink.<Incident>builder()
                .setConnection(ElasticsearchConnection.of("http://127.0.0.1:9200"))
                .setElementConverter(new IncidentDocuments())
                .build();

        ElasticsearchSink<Incident> copy = InstantiationUtil.clone(sink);

        assertThat(copy.writerConfiguration().getMaxBatchSize()).isEqualTo(ElasticsearchSinkBuilder.DEFAULT_MAX_BATCH_SIZE);
        assertThat(copy.writerConfiguration().getMaxInFlightRequests())
                .isEqualTo(ElasticsearchSinkBuilder.DEFAULT_MAX_IN_FLIGHT_REQUESTS);
        assertThat(copy.writerConfiguration().getMaxTimeInBufferMS())
                .isEqualTo(ElasticsearchSinkBuilder.DEFAULT_MAX_TIME_IN_BUFFER.toMillis());
        assertThat(copy.getWriterStateSerializer()).isInstanceOf(IndexDocumentStateSerializer.class);
    }
}
