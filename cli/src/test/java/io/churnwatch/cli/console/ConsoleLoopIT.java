package io.churnwatch.cli.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.churnwatch.console.Console;
import io.churnwatch.console.ConsoleClient;
import io.churnwatch.console.ConsoleSettings;
import io.churnwatch.console.Role;
import io.churnwatch.console.UsersFile;
import io.churnwatch.devstack.ElasticsearchCluster;
import io.churnwatch.devstack.KafkaCluster;
import io.churnwatch.devstack.WithDevStack;
import io.churnwatch.events.AlertReason;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.SaveAction;
import io.churnwatch.jobs.index.AlertDocuments;
import io.churnwatch.jobs.index.IndexTemplates;
import io.churnwatch.notifyjob.NotifyJob;
import io.churnwatch.notifyjob.NotifySettings;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.kafka.Topics;
import io.churnwatch.sink.elasticsearch.IndexDocument;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop a retention team closes, end to end on a real broker, Elasticsearch node, notify job
 * and HTTP receiver: an agent acknowledges an alert in the console and its repeat notifications
 * stop; an admin creates a silence in the console and the next matching alert is not notified,
 * while an alert it does not match still is.
 */
@WithDevStack
@Timeout(value = 420, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConsoleLoopIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "loop-it-password-1";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** Far shorter than a real repeat_interval, so a missing repeat shows within seconds. */
    private static final Duration REPEAT = Duration.ofSeconds(3);
    /** Customers of this run only: a rerun, or another test on the shared stack, finds no workflow or silence of theirs. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private final String ackedCustomer = "c-loop-acked-" + run;
    private final String silencedCustomer = "c-loop-silenced-" + run;
    private final String controlCustomer = "c-loop-control-" + run;

    @TempDir
    Path dir;

    private final List<JsonNode> deliveries = new CopyOnWriteArrayList<>();

    @Test
    void anAcknowledgementStopsRepeatsAndASilenceSuppressesTheNextMatchingAlert(
            KafkaCluster kafka, ElasticsearchCluster elasticsearch) throws Exception {
        kafka.createPipelineTopics();
        IndexTemplates.withDefaults().install(elasticsearch.client());
        HttpServer receiver = receiver();
        Path routing = Files.writeString(dir.resolve("routing.yml"), """
                route:
                  receiver: crm-webhook
                  group_by: [customer_id]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: %ds
                receivers:
                  - name: crm-webhook
                    webhook:
                      url: http://127.0.0.1:%d/webhook
                      secret: whsec_bG9vcC1pdC1zaWduaW5nLWtleQ==
                """.formatted(
                        REPEAT.toSeconds(), receiver.getAddress().getPort()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        NotifyJob.build(
                env,
                NotifySettings.of(routing.toString(), kafka.connection(), elasticsearch.connection()),
                "console-loop-it",
                Duration.ofSeconds(1));
        JobClient job = env.executeAsync("console loop");
        UsersFile users = UsersFile.of(
                UsersFile.line("maria", Role.AGENT, PASSWORD.toCharArray()),
                UsersFile.line("ada", Role.ADMIN, PASSWORD.toCharArray()));
        try (Console console = Console.start(ConsoleSettings.of(kafka.connection(), elasticsearch.connection(), users)
                .withPort("127.0.0.1", 0))) {
            ConsoleClient maria = ConsoleClient.loggedIn(console.url(), "maria", PASSWORD);
            ConsoleClient ada = ConsoleClient.loggedIn(console.url(), "ada", PASSWORD);

            ChurnAlert acked = alert(ackedCustomer, AlertSeverity.HIGH);
            publish(kafka, elasticsearch, acked);
            awaitDeliveries(job, elasticsearch, ackedCustomer, 2);

            ConsoleClient.Answer ack = maria.postJson(
                    "/api/alerts/" + acked.getAlertId() + "/actions",
                    Map.of(
                            "action_id",
                            UUID.randomUUID().toString(),
                            "kind",
                            "acknowledge",
                            "alert_revision",
                            acked.getRevision(),
                            "workflow_version",
                            0));
            assertThat(ack.status()).as(ack.body()).isEqualTo(201);
            // The ack reaches the notify job through churn-actions; a repeat may already be on its way.
            Thread.sleep(REPEAT.toMillis());
            int afterAck = deliveriesFor(ackedCustomer);
            Thread.sleep(REPEAT.multipliedBy(3).toMillis());
            assertThat(deliveriesFor(ackedCustomer))
                    .as("repeats after the acknowledgement (%d before)", afterAck)
                    .isEqualTo(afterAck);

            ConsoleClient.Answer silence = ada.form(
                    "/silences",
                    Map.of(
                            "csrf",
                            ada.csrf(),
                            "matchers",
                            "customer_id=\"" + silencedCustomer + "\"",
                            "ends_at",
                            "2099-01-01T00:00",
                            "comment",
                            "on the phone with them already"));
            assertThat(silence.status()).as(silence.body()).isEqualTo(302);
            Thread.sleep(2_000);
            publish(kafka, elasticsearch, alert(silencedCustomer, AlertSeverity.CRITICAL));
            publish(kafka, elasticsearch, alert(controlCustomer, AlertSeverity.CRITICAL));
            awaitDeliveries(job, elasticsearch, controlCustomer, 1);
            Thread.sleep(REPEAT.toMillis());
            assertThat(deliveriesFor(silencedCustomer))
                    .as("notifications of the silenced customer")
                    .isZero();
        } finally {
            job.cancel().get();
            receiver.stop(0);
        }
    }

    /** Waits for a customer's deliveries; on time-out says what the job, the receiver and the notification log show. */
    private void awaitDeliveries(JobClient job, ElasticsearchCluster elasticsearch, String customer, int atLeast) {
        try {
            await().atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> deliveriesFor(customer) >= atLeast);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String status;
            try {
                status = String.valueOf(job.getJobStatus().get());
            } catch (Exception failed) {
                status = "unknown (" + failed + ")";
            }
            String log;
            try {
                log = new String(
                        rest(elasticsearch)
                                .performRequest(new Request(
                                        "GET",
                                        "/churn-notifications/_search?size=20&q=*"
                                                + URLEncoder.encode(customer, StandardCharsets.UTF_8) + "*"))
                                .getEntity()
                                .getContent()
                                .readAllBytes(),
                        StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException failed) {
                log = "unreadable (" + failed + ")";
            }
            throw new AssertionError(
                    "%d deliveries for %s, wanted %d; job %s; all deliveries by customer %s; notification log: %s"
                            .formatted(
                                    deliveriesFor(customer),
                                    customer,
                                    atLeast,
                                    status,
                                    deliveries.stream()
                                            .collect(Collectors.groupingBy(
                                                    d -> d.path("group_labels")
                                                            .path("customer_id")
                                                            .asText(),
                                                    Collectors.counting())),
                                    log),
                    e);
        }
    }

    private static RestClient rest(ElasticsearchCluster elasticsearch) {
        return ((co.elastic.clients.transport.rest_client.RestClientTransport)
                        elasticsearch.client()._transport())
                .restClient();
    }

    private int deliveriesFor(String customer) {
        return (int) deliveries.stream()
                .filter(d -> d.path("group_labels").path("customer_id").asText().equals(customer))
                .count();
    }

    private HttpServer receiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhook", exchange -> {
            try (exchange) {
                deliveries.add(JSON.readTree(exchange.getRequestBody()));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        return server;
    }

    /** As the detection job writes an alert: to churn-alerts and, by its revision, into Elasticsearch. */
    private static void publish(KafkaCluster kafka, ElasticsearchCluster elasticsearch, ChurnAlert alert)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.copyOf(kafka.clientProperties()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.CHURN_ALERTS.name(),
                            alert.getAlertId(),
                            AvroCodec.of(ChurnAlert.class).encode(alert)))
                    .get();
        }
        IndexDocument doc = new AlertDocuments().toDocument(alert);
        RestClient rest = rest(elasticsearch);
        Request put = new Request(
                "PUT",
                "/" + doc.index() + "/_doc/" + URLEncoder.encode(doc.id(), StandardCharsets.UTF_8) + "?refresh=true"
                        + (doc.isVersioned() ? "&version=" + doc.version() + "&version_type=external" : ""));
        put.setJsonEntity(new String(doc.json(), StandardCharsets.UTF_8));
        rest.performRequest(put);
    }

    private static ChurnAlert alert(String customer, AlertSeverity severity) {
        return ChurnAlert.newBuilder()
                .setAlertId("customer:" + customer)
                .setScope(AlertScope.CUSTOMER)
                .setCustomerId(customer)
                .setCustomerTier(CustomerTier.GOLD)
                .setCustomerValue(new BigDecimal("2400.00"))
                .setRegion("EU-West")
                .setRiskScore(42.0)
                .setPriorityScore(1_000.0)
                .setSeverity(severity)
                .setStatus(AlertStatus.FIRING)
                .setReasons(List.of(AlertReason.newBuilder()
                        .setIncidentId("MISSED_DELIVERY:o-" + customer)
                        .setKind(IncidentKind.MISSED_DELIVERY)
                        .setSummary("Order o-" + customer + " not delivered by its promised day")
                        .setContribution(30.0)
                        .setOccurredAt(NOW.minus(Duration.ofHours(1)))
                        .setOrderId("o-" + customer)
                        .setEvidenceEventIds(List.of("e-1"))
                        .build()))
                .setSaveAction(SaveAction.newBuilder()
                        .setPlaybook("gold-callback")
                        .setSummary("Call the customer back today")
                        .setSteps(List.of("Call", "Apologise"))
                        .setOwner("retention team")
                        .build())
                .setFirstSeen(NOW.minus(Duration.ofHours(1)))
                .setLastSeen(NOW)
                .setRevision(0)
                .build();
    }
}
