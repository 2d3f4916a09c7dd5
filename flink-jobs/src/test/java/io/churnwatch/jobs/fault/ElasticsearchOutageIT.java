package io.churnwatch.jobs.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.devstack.LocalElasticsearch;
import io.churnwatch.devstack.LocalKafka;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.flink.metrics.ChurnMetrics;
import io.churnwatch.generator.EventPump;
import io.churnwatch.generator.GeneratorConfig;
import io.churnwatch.generator.KafkaEventSink;
import io.churnwatch.generator.Pace;
import io.churnwatch.generator.Pacer;
import io.churnwatch.generator.ShopGenerator;
import io.churnwatch.jobs.JobSettings;
import io.churnwatch.jobs.LiveChurnJob;
import io.churnwatch.jobs.index.IndexTemplates;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Elasticsearch unavailable for a while (issue #15, faults). While the detection job indexes a
 * recorded shop's alerts and incidents, the node is frozen (SIGSTOP of its launcher and server
 * JVM) for {@link #OUTAGE} and then resumed. The sinks must back off and retry, dead-letter
 * nothing, and afterwards {@code churn-alerts} in Elasticsearch must equal the {@code churn-alerts}
 * topic (latest revision per alert id), without a restart loop of the job.
 *
 * <p>Frozen rather than stopped: the kernel still accepts connections on the node's port, so a
 * bulk request is sent and never answered, the hardest case for a client (a stopped node would be
 * refused at once). Only the socket timeout ends such a request.
 *
 * <p>Why 25 s stands for a longer outage: the sinks' connection here has a {@link #SOCKET_TIMEOUT}
 * of 5 s (60 s by default) and the retry backoff doubles from 100 ms to its cap of 10 s, so in 25 s
 * a bulk request times out several times and the backoff reaches its cap; checkpoints (every
 * {@link #CHECKPOINT_INTERVAL}) wait for the sinks' in-flight requests, so several of them meet the
 * outage too. A 60 s outage against the default 60 s socket timeout goes through the same states
 * (timed out, retried after the capped backoff, checkpoint waiting), only fewer times. What would
 * differ is an outage longer than Flink's checkpoint timeout (10 min), which fails the checkpoint;
 * that is not tested.
 *
 * <p>A broker and a node of its own: index and topic names are fixed, and the shared node must
 * never be frozen under the other ITs of this JVM.
 */
@Timeout(300)
class ElasticsearchOutageIT {

    private static final ReportingCluster CLUSTER = new ReportingCluster();

    @RegisterExtension
    static final MiniClusterExtension FLINK = CLUSTER.extension;

    static final int ORDERS = Integer.getInteger("churnwatch.fault.orders", 10_000);
    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("churnwatch.fault.esOutageSeconds", 25));
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    @Test
    void sinksRetryThroughAFrozenNodeAndTheAlertsIndexEqualsTheTopicAfterwards() throws Exception {
        try (LocalKafka kafka = LocalKafka.start();
                LocalElasticsearch es = LocalElasticsearch.start()) {
            // Given a recorded shop on the broker and the job indexing it
            kafka.createPipelineTopics();
            ShopGenerator shop = new ShopGenerator(
                    GeneratorConfig.defaults().withSeed(15).withCustomers(1_000).withTotalOrders(ORDERS));
            long events;
            try (KafkaEventSink sink = KafkaEventSink.create(kafka.clientProperties())) {
                events = EventPump.pump(shop, Pacer.of(Pace.asFastAsPossible()), sink);
            }
            ElasticsearchConnection connection = ElasticsearchConnection.builder()
                    .hosts(es.connection().hosts())
                    .socketTimeout(SOCKET_TIMEOUT)
                    .connectTimeout(Duration.ofSeconds(1))
                    .build();
            JobSettings settings = new JobSettings(
                    kafka.connection(),
                    connection,
                    "fault-es",
                    RulesParser.defaults(),
                    // As in KafkaRestartIT: a frozen node stalls every sink and so, by backpressure,
                    // the sources, which must not be taken for idle meanwhile.
                    Watermarks.replay().withIdleness(Duration.ofSeconds(60)),
                    CHECKPOINT_INTERVAL,
                    shop.lastEventTime());
            LiveChurnJob.prepareElasticsearch(settings);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            LiveChurnJob.build(env, settings);
            JobClient job = env.executeAsync("ElasticsearchOutageIT");
            JobMetrics metrics = CLUSTER.metrics(job.getJobID());
            ElasticsearchClient client = es.client();

            // When the node freezes mid-stream, with documents already indexed
            await("the job read a tenth of its input and indexed documents")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> metrics.counter(ChurnMetrics.EVENTS_IN) >= events / 10
                            && metrics.counter("numDocumentsWritten") > 0);
            long eventsBeforeFreeze = metrics.counter(ChurnMetrics.EVENTS_IN);
            long writtenBeforeFreeze = metrics.counter("numDocumentsWritten");
            es.freeze();
            assertThat(job.getJobStatus().get())
                    .as("the job had not finished when Elasticsearch froze")
                    .isEqualTo(JobStatus.RUNNING);
            // The outage itself: nothing to wait for but time.
            Thread.sleep(OUTAGE.toMillis());
            long retriedDuringOutage = metrics.counter("numBulkRequestsRetried");
            // Not zero in every run: a bulk answer the node wrote to its socket before SIGSTOP is still read.
            long writtenDuringOutage = metrics.counter("numDocumentsWritten") - writtenBeforeFreeze;
            es.thaw();
            long back = System.nanoTime();
            await("the sinks' next indexed documents after the node's return")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> metrics.counter("numDocumentsWritten") > writtenBeforeFreeze + writtenDuringOutage);
            double recoverySeconds = (System.nanoTime() - back) / 1e9;
            job.getJobExecutionResult().get();
            long restarts = metrics.numRestarts();
            System.out.printf(
                    "ElasticsearchOutageIT: frozen after %,d of %,d events in (%,d documents indexed), for %d s;"
                            + " %,d bulk requests retried during it, %,d documents acknowledged during it (answers the node had"
                            + " sent before it stopped);"
                            + " next documents indexed %.1f s after SIGCONT%n",
                    eventsBeforeFreeze,
                    events,
                    writtenBeforeFreeze,
                    OUTAGE.toSeconds(),
                    retriedDuringOutage,
                    writtenDuringOutage,
                    recoverySeconds);

            // Then the alerts index is the churn-alerts topic, latest revision per alert id
            client.indices().refresh(r -> r.index(IndexTemplates.ALERTS_INDEX, IndexTemplates.INCIDENTS_INDEX));
            CommittedOutput topics = CommittedOutput.read(kafka.connection());
            Map<String, ChurnAlert> onKafka = topics.alerts().latest();
            Map<String, JsonNode> inEs = all(client, IndexTemplates.ALERTS_INDEX);
            TreeSet<String> missing = new TreeSet<>(onKafka.keySet());
            missing.removeAll(inEs.keySet());
            TreeSet<String> extra = new TreeSet<>(inEs.keySet());
            extra.removeAll(onKafka.keySet());
            TreeSet<String> stale = new TreeSet<>();
            onKafka.forEach((id, alert) -> {
                JsonNode doc = inEs.get(id);
                if (doc != null
                        && (doc.get("revision").asInt() != alert.getRevision()
                                || !doc.get("status")
                                        .asText()
                                        .equals(alert.getStatus().name()))) {
                    stale.add(id);
                }
            });
            long incidentsInEs =
                    client.count(c -> c.index(IndexTemplates.INCIDENTS_INDEX)).count();
            long deadLetters = countRecords(kafka, Topics.CHURN_DLQ.name());
            long retried = metrics.counter("numBulkRequestsRetried");
            System.out.printf(
                    "ElasticsearchOutageIT: | Elasticsearch frozen (SIGSTOP/SIGCONT) %d s, socket timeout %d s |"
                            + " %,d events | alerts: %,d on the topic, %,d in the index, %d missing, %d extra,"
                            + " %d stale | incidents: %,d on the topic, %,d in the index | dead letters %d |"
                            + " bulk requests retried %,d | recovery %.1f s | numRestarts %d |%n",
                    OUTAGE.toSeconds(),
                    SOCKET_TIMEOUT.toSeconds(),
                    events,
                    onKafka.size(),
                    inEs.size(),
                    missing.size(),
                    extra.size(),
                    stale.size(),
                    topics.incidents().latest().size(),
                    incidentsInEs,
                    deadLetters,
                    retried,
                    recoverySeconds,
                    restarts);
            assertThat(onKafka).as("alerts on churn-alerts").hasSizeGreaterThan(20);
            assertThat(missing).as("alerts on the topic, not in the index").isEmpty();
            assertThat(extra).as("alerts in the index, not on the topic").isEmpty();
            assertThat(stale)
                    .as("alerts whose indexed revision or status is not the topic's latest")
                    .isEmpty();
            assertThat(incidentsInEs)
                    .as("incidents indexed")
                    .isEqualTo(topics.incidents().latest().size());
            assertThat(retried)
                    .as("bulk requests retried (the sinks did meet the outage)")
                    .isPositive();
            assertThat(deadLetters).as("records on churn-dlq").isZero();
            assertThat(restarts).as("restarts of the job (numRestarts)").isBetween(0L, 2L);
        }
    }

    private static Map<String, JsonNode> all(ElasticsearchClient client, String index) throws Exception {
        Map<String, JsonNode> byId = new HashMap<>();
        var response = client.search(s -> s.index(index).size(10_000), JsonNode.class);
        for (Hit<JsonNode> hit : response.hits().hits()) {
            byId.put(hit.id(), hit.source());
        }
        return byId;
    }

    private static long countRecords(LocalKafka kafka, String topic) {
        Properties props = kafka.connection().toProperties();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream()
                    .mapToLong(e -> e.getValue() - start.get(e.getKey()))
                    .sum();
        }
    }
}
