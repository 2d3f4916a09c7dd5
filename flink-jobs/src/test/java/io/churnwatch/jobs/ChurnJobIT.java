package io.churnwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.devstack.DevStack;
import io.churnwatch.devstack.WithDevStack;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.generator.BrokenPromise;
import io.churnwatch.generator.EventPump;
import io.churnwatch.generator.GeneratorConfig;
import io.churnwatch.generator.KafkaEventSink;
import io.churnwatch.generator.Pace;
import io.churnwatch.generator.Pacer;
import io.churnwatch.generator.ShopGenerator;
import io.churnwatch.jobs.detect.trend.ComplaintTrendFunction;
import io.churnwatch.jobs.index.IndexTemplates;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.kafka.TopicSpec;
import io.churnwatch.schemas.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole detection job against real servers: the generator writes a few thousand events (with
 * duplicates and out-of-order events) and garbage to the real broker, the job runs on a MiniCluster
 * at parallelism 2 with checkpointing, and what lands in Elasticsearch, on churn-alerts and on
 * churn-dlq is checked against the generator's own ledger of the promises it broke.
 */
@WithDevStack
@Timeout(300)
class ChurnJobIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    /** Kinds whose later fulfilment the job reports as an update of the same incident. */
    private static final Set<IncidentKind> SETTLED_KINDS =
            Set.of(IncidentKind.MISSED_SHIP_BY, IncidentKind.MISSED_DELIVERY);

    @Test
    void findsExactlyTheBrokenPromisesAndDeadLettersTheGarbage(DevStack stack) throws Exception {
        stack.kafka().createPipelineTopics();
        KafkaConnection kafka = stack.kafka().connection();

        // Given a shop's history on the real broker, with a garbage record in every input topic
        ShopGenerator shop = new ShopGenerator(
                GeneratorConfig.defaults().withSeed(7).withCustomers(300).withTotalOrders(600));
        long events;
        try (KafkaEventSink sink = KafkaEventSink.create(stack.kafka().clientProperties())) {
            events = EventPump.pump(shop, Pacer.of(Pace.asFastAsPossible()), sink);
        }
        List<TopicSpec<?>> inputs = List.of(Topics.ORDERS, Topics.DELIVERIES, Topics.TICKETS, Topics.CUSTOMER_PROFILES);
        poison(kafka, inputs);
        Instant end = shop.lastEventTime();

        // When the job runs over it
        ElasticsearchConnection es = stack.elasticsearch().connection();
        JobSettings settings = new JobSettings(
                kafka, es, "churnjob-it", RulesParser.defaults(), Watermarks.replay(), Duration.ofSeconds(1), end);
        LiveChurnJob.prepareElasticsearch(settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        LiveChurnJob.build(env, settings);
        long started = System.nanoTime();
        env.execute("ChurnJobIT");
        double seconds = (System.nanoTime() - started) / 1e9;
        // Printed, not asserted: speed is the benchmarks' business; this records what the run did.
        System.out.printf(
                "ChurnJobIT: the job processed %,d events in %.1f s (%,.0f events/s, including job start)%n",
                events, seconds, events / seconds);

        // Then the incidents in Elasticsearch are exactly the ledger's broken promises
        ElasticsearchClient client = stack.elasticsearch().client();
        client.indices().refresh(r -> r.index(IndexTemplates.INCIDENTS_INDEX, IndexTemplates.ALERTS_INDEX));
        List<JsonNode> incidents = all(client, IndexTemplates.INCIDENTS_INDEX);
        Set<IncidentKind> ledgerKinds =
                shop.ledger().all().stream().map(BrokenPromise::kind).collect(Collectors.toSet());
        List<String> found = incidents.stream()
                .filter(i ->
                        ledgerKinds.contains(IncidentKind.valueOf(i.get("kind").asText())))
                .map(ChurnJobIT::key)
                .sorted()
                .toList();
        ChurnRules.Grace grace = RulesParser.defaults().grace();
        List<String> expected = shop.ledger().brokenAsOf(end).stream()
                .filter(p -> !keptWithinGrace(p, grace))
                .map(ChurnJobIT::key)
                .sorted()
                .toList();
        assertThat(expected).as("broken promises in 600 orders").hasSizeGreaterThan(50);
        assertThat(found).as("nothing missing, nothing extra").isEqualTo(expected);

        // And the alerts on churn-alerts (read committed, latest revision) are the alerts in Elasticsearch
        Map<String, ChurnAlert> onKafka = latestAlerts(kafka);
        Map<String, JsonNode> inEs = all(client, IndexTemplates.ALERTS_INDEX).stream()
                .collect(Collectors.toMap(a -> a.get("alert_id").asText(), a -> a));
        assertThat(onKafka).isNotEmpty();
        assertThat(inEs.keySet()).isEqualTo(onKafka.keySet());
        onKafka.forEach((id, alert) -> {
            JsonNode doc = inEs.get(id);
            assertThat(doc.get("status").asText())
                    .as(id)
                    .isEqualTo(alert.getStatus().name());
            assertThat(doc.get("revision").asInt()).as(id).isEqualTo(alert.getRevision());
        });
        // And every reason on an alert is a real incident
        Set<String> incidentIds =
                incidents.stream().map(i -> i.get("incident_id").asText()).collect(Collectors.toSet());
        onKafka.values()
                .forEach(
                        a -> a.getReasons().forEach(r -> assertThat(incidentIds).contains(r.getIncidentId())));

        // And every judged complaint day in Elasticsearch holds exactly the tickets opened that day in its
        // category (each ticket once), and every day up to its category's last new ticket was judged
        Map<String, Set<String>> opened = new HashMap<>();
        Map<String, Instant> lastOpened = new HashMap<>();
        AvroCodec<SupportTicketEvent> tickets = AvroCodec.of(SupportTicketEvent.class);
        for (ConsumerRecord<byte[], byte[]> r : readAll(kafka, Topics.TICKETS.name())) {
            SupportTicketEvent t;
            try {
                t = tickets.decode(r.value());
            } catch (RuntimeException garbage) {
                continue; // the poison record, dead-lettered above
            }
            if (t.getType() != TicketEventType.OPENED) {
                continue;
            }
            String category = ComplaintTrendFunction.categoryOf(t);
            LocalDate day = LocalDate.ofInstant(t.getEventTime(), ZoneOffset.UTC);
            opened.computeIfAbsent(category + ":" + day, k -> new HashSet<>()).add(t.getTicketId());
            lastOpened.merge(category, t.getEventTime(), (a, b) -> a.isAfter(b) ? a : b);
        }
        client.indices().refresh(r -> r.index(IndexTemplates.COMPLAINT_DAYS_INDEX));
        Map<String, Integer> judged = new HashMap<>();
        for (JsonNode d : all(client, IndexTemplates.COMPLAINT_DAYS_INDEX)) {
            judged.put(
                    d.get("category").asText() + ":" + d.get("day").asText(),
                    d.get("tickets").asInt());
        }
        assertThat(judged).as("judged complaint days").isNotEmpty();
        judged.forEach((id, count) -> assertThat(count)
                .as(id)
                .isEqualTo(opened.getOrDefault(id, Set.of()).size()));
        opened.forEach((id, ids) -> {
            String category = id.substring(0, id.lastIndexOf(':'));
            LocalDate day = LocalDate.parse(id.substring(id.lastIndexOf(':') + 1));
            Instant endOfDay = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (endOfDay.isBefore(lastOpened.get(category))) {
                assertThat(judged).as("judged: " + id).containsKey(id);
            }
        });

        // And each input topic's garbage is in churn-dlq with where it came from and why
        List<DeadLetter> deadLetters = deadLetters(kafka);
        for (TopicSpec<?> topic : inputs) {
            assertThat(deadLetters).as("dead letter from %s", topic.name()).anySatisfy(d -> {
                assertThat(d.getSourceTopic()).isEqualTo(topic.name());
                assertThat(d.getStage()).isEqualTo("decode");
                assertThat(d.getSourceOffset()).isNotNull();
                assertThat(d.getReason()).isNotBlank();
            });
        }
        System.out.printf(
                "ChurnJobIT: %d broken promises matched; %d alerts; %d dead letters; %d complaint days judged"
                        + " (%d tickets) of %d with new tickets%n",
                expected.size(),
                onKafka.size(),
                deadLetters.size(),
                judged.size(),
                judged.values().stream().mapToInt(Integer::intValue).sum(),
                opened.size());
    }

    private static String key(JsonNode i) {
        IncidentKind kind = IncidentKind.valueOf(i.get("kind").asText());
        String time = kind == IncidentKind.DELIVERY_FAILED ? text(i, "detected_at") : text(i, "deadline");
        String settled = SETTLED_KINDS.contains(kind) ? text(i, "settled_at") : null;
        return String.join(
                "|",
                kind.name(),
                text(i, "customer_id"),
                text(i, "order_id"),
                text(i, "shipment_id"),
                text(i, "ticket_id"),
                text(i, "promise_id"),
                Objects.toString(instant(time)),
                Objects.toString(instant(settled)));
    }

    /** A deadline met within its grace period is kept: the job raises nothing for it, by design. */
    private static boolean keptWithinGrace(BrokenPromise p, ChurnRules.Grace grace) {
        Duration allowed = switch (p.kind()) {
            case MISSED_SHIP_BY -> grace.shipBy();
            case MISSED_DELIVERY -> grace.delivery();
            case BROKEN_SUPPORT_PROMISE -> grace.supportPromise();
            default -> null; // a failure scan or an SLA breach has no grace
        };
        return allowed != null
                && p.lateBy().map(late -> late.compareTo(allowed) <= 0).orElse(false);
    }

    private static String key(BrokenPromise p) {
        Instant time = p.kind() == IncidentKind.DELIVERY_FAILED ? p.brokenAt() : p.deadline();
        Instant settled = SETTLED_KINDS.contains(p.kind()) ? p.fulfilledAt() : null;
        return String.join(
                "|",
                p.kind().name(),
                p.customerId(),
                p.orderId(),
                p.shipmentId(),
                p.ticketId(),
                p.promiseId(),
                Objects.toString(time),
                Objects.toString(settled));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(String iso) {
        return iso == null ? null : Instant.parse(iso);
    }

    private static List<JsonNode> all(ElasticsearchClient client, String index) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        var response = client.search(s -> s.index(index).size(10_000), JsonNode.class);
        for (Hit<JsonNode> hit : response.hits().hits()) {
            docs.add(hit.source());
        }
        return docs;
    }

    private static void poison(KafkaConnection kafka, List<TopicSpec<?>> topics) throws Exception {
        try (var producer =
                new KafkaProducer<>(kafka.toProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (TopicSpec<?> topic : topics) {
                byte[] garbage = ("garbage for " + topic.name()).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic.name(), "poison".getBytes(StandardCharsets.UTF_8), garbage))
                        .get();
            }
        }
    }

    private static Map<String, ChurnAlert> latestAlerts(KafkaConnection kafka) {
        AvroCodec<ChurnAlert> codec = AvroCodec.of(ChurnAlert.class);
        Map<String, ChurnAlert> latest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(kafka, Topics.CHURN_ALERTS.name())) {
            ChurnAlert alert = codec.decode(r.value());
            latest.merge(alert.getAlertId(), alert, (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
        }
        return latest;
    }

    private static List<DeadLetter> deadLetters(KafkaConnection kafka) {
        AvroCodec<DeadLetter> codec = AvroCodec.of(DeadLetter.class);
        return readAll(kafka, Topics.CHURN_DLQ.name()).stream()
                .map(r -> codec.decode(r.value()))
                .toList();
    }

    /** Everything committed to {@code topic} so far. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConnection kafka, String topic) {
        Properties props = kafka.toProperties();
        props.put("isolation.level", "read_committed");
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            Set<TopicPartition> done = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (done.size() < partitions.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                for (TopicPartition p : partitions) {
                    if (consumer.position(p) >= end.get(p)) {
                        done.add(p);
                    }
                }
            }
            return records;
        }
    }
}
