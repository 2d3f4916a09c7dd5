package io.churnwatch.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.devstack.ElasticsearchCluster;
import io.churnwatch.devstack.WithDevStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.TestSinkInitContext;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Drives the writer alone, outside a Flink job, against a real Elasticsearch node. The test
 * thread is the task thread: it runs the mailbox (bulk responses arrive there) and the manual
 * processing-time clock (retry backoffs fire on it).
 *
 * <p>The documents are plain JSON made here, and each test that needs a mapping creates its index
 * itself: the sink knows no ChurnWatch record, and neither does its test.
 */
@WithDevStack
@Timeout(120)
class ElasticsearchSinkWriterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ElementConverter<IndexDocument, IndexDocument> AS_IS = (document, context) -> document;

    private static ElasticsearchCluster elasticsearch;
    private static ElasticsearchClient client;

    private final TestSinkInitContext context = new TestSinkInitContext();
    private final CollectingFailedDocumentHandler failures = new CollectingFailedDocumentHandler();
    private ElasticsearchSinkWriter<IndexDocument> writer;
    private String index;

    @BeforeAll
    static void connect(ElasticsearchCluster cluster) {
        elasticsearch = cluster;
        client = cluster.client();
    }

    @AfterEach
    void closeWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String indexFor(TestInfo test, String prefix) {
        return prefix + "-" + test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
    }

    /** An index whose {@code detected_at} is a date: a document with anything else there is refused. */
    private static void createIncidentIndex(String index) throws IOException {
        client.indices()
                .create(c -> c.index(index)
                        .settings(s -> s.numberOfReplicas("0"))
                        .mappings(m -> m.properties("incident_id", p -> p.keyword(k -> k))
                                .properties("detected_at", p -> p.date(d -> d))
                                .properties("revision", p -> p.integer(i -> i))));
    }

    /** A valid incident document, indexed with its revision as external version. */
    private static IndexDocument incident(String index, String id, int revision) {
        return IndexDocument.indexVersioned(
                index,
                id,
                json("{\"incident_id\":\"" + id + "\",\"detected_at\":\"2026-11-20T17:00:01Z\",\"revision\":" + revision
                        + "}"),
                revision);
    }

    private static void createAlertIndex(String index) throws IOException {
        client.indices()
                .create(c -> c.index(index)
                        .settings(s -> s.numberOfReplicas("0"))
                        .mappings(m -> m.properties("alert_id", p -> p.keyword(k -> k))
                                .properties("status", p -> p.keyword(k -> k))
                                .properties("revision", p -> p.integer(i -> i))));
    }

    /** An alert's latest state, replacing the stored one only if {@code revision} is newer. */
    private static IndexDocument alert(String index, String id, int revision) {
        return IndexDocument.indexVersioned(
                index,
                id,
                json("{\"alert_id\":\"" + id + "\",\"status\":\"FIRING\",\"revision\":" + revision + "}"),
                revision);
    }

    private ElasticsearchSinkWriter<IndexDocument> writer(
            int maxBatchSize, List<BufferedRequestState<IndexDocument>> state) {
        return writer(maxBatchSize, Duration.ofMinutes(1), state);
    }

    private ElasticsearchSinkWriter<IndexDocument> writer(
            int maxBatchSize, Duration maxTimeInBuffer, List<BufferedRequestState<IndexDocument>> state) {
        AsyncSinkWriterConfiguration configuration = AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(maxBatchSize)
                .setMaxBatchSizeInBytes(5L * 1024 * 1024)
                .setMaxInFlightRequests(1)
                .setMaxBufferedRequests(1000)
                .setMaxTimeInBufferMS(maxTimeInBuffer.toMillis())
                .setMaxRecordSizeInBytes(1024 * 1024)
                .setRequestTimeoutMS(Duration.ofMinutes(10).toMillis())
                .build();
        return new ElasticsearchSinkWriter<>(
                AS_IS,
                context,
                configuration,
                elasticsearch.connection(),
                failures,
                new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                state);
    }

    private long count(String index) throws IOException {
        client.indices().refresh(r -> r.index(index));
        return client.count(c -> c.index(index)).count();
    }

    @SuppressWarnings("rawtypes")
    private JsonNode source(String index, String id) throws IOException {
        GetResponse<Map> response = client.get(g -> g.index(index).id(id), Map.class);
        assertThat(response.found()).as("document %s/%s exists", index, id).isTrue();
        return JSON.valueToTree(response.source());
    }

    @Test
    void indexesDocumentsAndMergesUpsertsIntoThem(TestInfo test) throws Exception {
        index = indexFor(test, "writer");
        writer = writer(10, List.of());

        writer.write(IndexDocument.index(index, "c-1", json("{\"name\":\"Ada\",\"visits\":1}")), null);
        writer.write(IndexDocument.upsert(index, "c-1", json("{\"visits\":2,\"tier\":\"GOLD\"}")), null);
        writer.write(IndexDocument.upsert(index, "c-2", json("{\"visits\":7}")), null);
        writer.flush(true);

        assertThat(count(index)).isEqualTo(2);
        assertThat(source(index, "c-1").toString()).isEqualTo("{\"name\":\"Ada\",\"visits\":2,\"tier\":\"GOLD\"}");
        assertThat(source(index, "c-2").get("visits").asInt()).isEqualTo(7);
        assertThat(failures.failures).isEmpty();
    }

    @Test
    void sendsAMappingConflictToTheFailedDocumentHandlerWhileTheRestOfTheBatchLands(TestInfo test) throws Exception {
        index = indexFor(test, "incidents");
        createIncidentIndex(index);
        writer = writer(10, List.of());

        writer.write(incident(index, "i-1", 0), null);
        writer.write(
                IndexDocument.index(index, "i-bad", json("{\"incident_id\":\"i-bad\",\"detected_at\":\"yesterday\"}")),
                null);
        writer.write(incident(index, "i-2", 0), null);
        writer.write(incident(index, "i-3", 0), null);
        writer.flush(true);

        assertThat(count(index)).isEqualTo(3);
        assertThat(failures.failures).singleElement().satisfies(failure -> {
            assertThat(failure.index()).isEqualTo(index);
            assertThat(failure.id()).isEqualTo("i-bad");
            assertThat(failure.status()).isEqualTo(400);
            assertThat(failure.reason()).contains("detected_at");
            assertThat(failure.sourceAsString()).contains("yesterday");
        });
    }

    @Test
    void neverLetsAnOlderRevisionOverwriteANewerOne(TestInfo test) throws Exception {
        index = indexFor(test, "alerts");
        createAlertIndex(index);
        writer = writer(10, List.of());

        writer.write(alert(index, "a-1", 2), null);
        writer.flush(true);
        writer.write(alert(index, "a-1", 1), null);
        writer.write(alert(index, "a-1", 2), null);
        writer.flush(true);

        assertThat(count(index)).isEqualTo(1);
        assertThat(source(index, "a-1").get("revision").asInt()).isEqualTo(2);
        assertThat(writer.documentsAlreadyNewer()).isEqualTo(2);
        assertThat(failures.failures).as("a stale revision is not a failure").isEmpty();
    }

    @Test
    void retriesDocumentsTheClusterCannotTakeNowUntilItCan(TestInfo test) throws Exception {
        index = indexFor(test, "writer");
        client.indices().create(c -> c.index(index).settings(s -> s.numberOfReplicas("0")));
        // The flood-stage block answers writes with 429, as a cluster short of disk does.
        client.indices().putSettings(s -> s.index(index).settings(i -> i.blocks(b -> b.readOnlyAllowDelete(true))));
        writer = writer(3, List.of());

        for (int i = 1; i <= 3; i++) {
            writer.write(IndexDocument.index(index, "d-" + i, json("{\"n\":" + i + "}")), null);
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInSameThread()
                .until(
                        () -> context.getMailboxExecutor().tryYield() || writer.documentsRetried() == 3,
                        ignored -> writer.documentsRetried() == 3);
        assertThat(count(index)).isZero();

        client.indices().putSettings(s -> s.index(index).settings(i -> i.blocks(b -> b.readOnlyAllowDelete(false))));
        context.getTestProcessingTimeService().advance(Duration.ofSeconds(1).toMillis());
        writer.flush(true);

        assertThat(count(index)).isEqualTo(3);
        assertThat(failures.failures).isEmpty();
    }

    @Test
    void sendsAPartialBatchOnlyOnceItsTimeInTheBufferRunsOut(TestInfo test) throws Exception {
        index = indexFor(test, "writer");
        writer = writer(100, Duration.ofMillis(200), List.of());
        long start = context.getTestProcessingTimeService().getCurrentProcessingTime();

        writer.write(IndexDocument.index(index, "d-1", json("{\"n\":1}")), null);
        writer.write(IndexDocument.index(index, "d-2", json("{\"n\":2}")), null);
        // A checkpoint waits for requests in flight but leaves the buffer to the writer state; only
        // the timer (or a full batch) sends it, so the timer bounds how late a lone alert is written.
        writer.flush(false);
        context.getTestProcessingTimeService().setCurrentTime(start + 199);
        assertThat(client.indices().exists(e -> e.index(index)).value()).isFalse();

        context.getTestProcessingTimeService().setCurrentTime(start + 200);
        writer.flush(false);

        assertThat(count(index)).isEqualTo(2);
    }

    @Test
    void keepsBufferedDocumentsInTheCheckpointAndWritesThemAfterARestore(TestInfo test) throws Exception {
        index = indexFor(test, "writer");
        ElasticsearchSinkWriter<IndexDocument> beforeFailure = writer(100, List.of());
        for (int i = 1; i <= 5; i++) {
            beforeFailure.write(IndexDocument.upsert(index, "d-" + i, json("{\"n\":" + i + "}")), null);
        }
        IndexDocumentStateSerializer serializer = new IndexDocumentStateSerializer();
        List<BufferedRequestState<IndexDocument>> snapshot = beforeFailure.snapshotState(1);
        byte[] checkpoint = serializer.serialize(snapshot.get(0));
        beforeFailure.close();

        writer = writer(100, List.of(serializer.deserialize(serializer.getVersion(), checkpoint)));
        writer.flush(true);

        assertThat(snapshot.get(0).getBufferedRequestEntries()).hasSize(5);
        assertThat(count(index)).isEqualTo(5);
    }

    @Test
    void failsFastWhenTheHostCannotBeResolved() throws Exception {
        writer = new ElasticsearchSinkWriter<>(
                AS_IS,
                context,
                AsyncSinkWriterConfiguration.builder()
                        .setMaxBatchSize(1)
                        .setMaxBatchSizeInBytes(1024 * 1024)
                        .setMaxInFlightRequests(1)
                        .setMaxBufferedRequests(10)
                        .setMaxTimeInBufferMS(60_000)
                        .setMaxRecordSizeInBytes(1024)
                        .build(),
                ElasticsearchConnection.of("http://churnwatch-no-such-host.invalid:9200"),
                failures,
                new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                List.of());

        writer.write(IndexDocument.index("anywhere", "d-1", json("{}")), null);

        assertThatThrownBy(() -> writer.flush(true))
                .hasStackTraceContaining(
                        "Cannot resolve the Elasticsearch host in http://churnwatch-no-such-host.invalid:9200");
    }
}
