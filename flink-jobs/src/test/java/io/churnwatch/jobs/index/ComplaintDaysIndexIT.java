package io.churnwatch.jobs.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.devstack.ElasticsearchCluster;
import io.churnwatch.devstack.WithDevStack;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.jobs.ChurnJob;
import io.churnwatch.jobs.detect.trend.ComplaintDay;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.sink.elasticsearch.ElasticsearchSink;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The detection job's daily complaint counts, from tickets through {@link ChurnJob#detect} and the
 * project's Elasticsearch sink into a real node, at parallelism 2: every judged day of every category is
 * one document {@code <category>:<day>}, and running the same tickets again rewrites the same documents.
 */
@WithDevStack
@Timeout(180)
class ComplaintDaysIndexIT {

    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-11-02");
    private static final LocalDate SPIKE_DAY = LocalDate.parse("2026-11-09");
    /** The day after the spike: the last with tickets, so it is not judged at the end of the input. */
    private static final LocalDate LAST_DAY = LocalDate.parse("2026-11-10");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void indexesEveryJudgedDayOncePerCategoryAndDayEvenWhenTheTicketsAreReplayed(ElasticsearchCluster elasticsearch)
            throws Exception {
        ElasticsearchConnection network = elasticsearch.connection();
        ElasticsearchClient client = elasticsearch.client();
        IndexTemplates.withDefaults().install(network);
        String index = IndexTemplates.COMPLAINT_DAYS_INDEX + "-it";

        // Given a week of 2 delivery and 1 billing tickets a day, then 15 delivery tickets on one day
        List<SupportTicketEvent> tickets = new ArrayList<>();
        for (LocalDate day = FIRST_DAY; day.isBefore(SPIKE_DAY); day = day.plusDays(1)) {
            tickets.addAll(opened("Delivery", day, 2));
            tickets.addAll(opened("billing", day, 1));
        }
        tickets.addAll(opened("Delivery", SPIKE_DAY, 15));
        tickets.addAll(opened("billing", SPIKE_DAY, 1));
        tickets.addAll(opened("Delivery", LAST_DAY, 1));
        tickets.addAll(opened("billing", LAST_DAY, 1));

        // When the job runs over them twice (a replay)
        run(network, index, tickets);
        client.indices().refresh(r -> r.index(index));
        Map<String, JsonNode> first = all(client, index);
        run(network, index, tickets);
        client.indices().refresh(r -> r.index(index));
        Map<String, JsonNode> replayed = all(client, index);

        // Then each category has one document per judged day, the last, partly recorded day not among them
        assertThat(first.keySet())
                .hasSize(2 * 8)
                .contains("delivery:2026-11-02", "delivery:2026-11-09", "billing:2026-11-09")
                .doesNotContain("delivery:2026-11-10", "billing:2026-11-10");
        JsonNode spike = first.get("delivery:2026-11-09");
        assertThat(spike.get("tickets").asInt()).isEqualTo(15);
        assertThat(spike.get("baseline_per_day").asDouble()).isEqualTo(2.0);
        assertThat(spike.get("spike").asBoolean()).isTrue();
        assertThat(spike.get("incident_id").asText()).isEqualTo("COMPLAINT_SPIKE:delivery:2026-11-09");
        assertThat(first.get("billing:2026-11-09").get("spike").asBoolean()).isFalse();
        assertThat(first.values().stream()
                        .filter(d -> d.get("category").asText().equals("delivery"))
                        .mapToInt(d -> d.get("tickets").asInt())
                        .sum())
                .isEqualTo(7 * 2 + 15);
        // And the day is mapped as a date by the template: a range query finds the spike week
        assertThat(client.count(c -> c.index(index)
                                .query(q -> q.range(r -> r.date(
                                        d -> d.field("day").gte("2026-11-09").lte("2026-11-15")))))
                        .count())
                .isEqualTo(2);
        // And the replay rewrote the same documents: none added, none changed
        assertThat(replayed).isEqualTo(first);
    }

    private static void run(ElasticsearchConnection network, String index, List<SupportTicketEvent> tickets)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(200);
        DataStream<SupportTicketEvent> ticketStream = env.fromData(tickets)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<SupportTicketEvent>forMonotonousTimestamps()
                        .withTimestampAssigner((t, ts) -> t.getEventTime().toEpochMilli()))
                .name("Tickets");
        ChurnJob.Outputs out = ChurnJob.detect(
                new ChurnJob.Inputs(
                        nothing(env, OrderEvent.class),
                        nothing(env, DeliveryEvent.class),
                        ticketStream,
                        nothing(env, CustomerProfile.class),
                        env.fromData(Types.STRING, RulesParser.defaultDocument())
                                .name("Rules")),
                RulesParser.defaults());
        out.complaintDays()
                .sinkTo(ElasticsearchSink.<ComplaintDay>builder()
                        .setConnection(network)
                        .setElementConverter(new ComplaintDayDocuments(index))
                        .setMaxTimeInBuffer(Duration.ofMillis(100))
                        .build())
                .uid("sink-es-complaint-days")
                .name("Elasticsearch: complaint days");
        env.execute("complaint-days-index-it");
    }

    /** An input with no events: Flink's collection sources refuse to be empty, so one number is dropped. */
    private static <T> DataStream<T> nothing(StreamExecutionEnvironment env, Class<T> type) {
        return env.fromData(Types.LONG, 0L)
                .flatMap((Long n, Collector<T> out) -> {})
                .returns(TypeInformation.of(type))
                .name("No " + type.getSimpleName());
    }

    private static List<SupportTicketEvent> opened(String category, LocalDate day, int count) {
        List<SupportTicketEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = day.atTime(9, 0).toInstant(ZoneOffset.UTC).plusSeconds(60L * i);
            String id = category + "-" + day + "-" + i;
            out.add(SupportTicketEvent.newBuilder()
                    .setEventId("e-" + id)
                    .setTicketId("t-" + id)
                    .setCustomerId("c-" + i)
                    .setType(TicketEventType.OPENED)
                    .setEventTime(at)
                    .setCategory(category)
                    .build());
        }
        return out;
    }

    private static Map<String, JsonNode> all(ElasticsearchClient client, String index) throws Exception {
        Map<String, JsonNode> docs = new TreeMap<>();
        for (Hit<JsonNode> hit : client.search(s -> s.index(index).size(1000), JsonNode.class)
                .hits()
                .hits()) {
            docs.put(hit.id(), hit.source());
        }
        return docs;
    }
}
