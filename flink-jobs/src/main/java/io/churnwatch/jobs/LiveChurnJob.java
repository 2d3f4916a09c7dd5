package io.churnwatch.jobs;

import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.Incident;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.flink.kafka.KafkaSinks;
import io.churnwatch.flink.metrics.CountByLabels;
import io.churnwatch.jobs.detect.trend.ComplaintDay;
import io.churnwatch.jobs.index.AlertDocuments;
import io.churnwatch.jobs.index.ComplaintDayDocuments;
import io.churnwatch.jobs.index.IncidentDocuments;
import io.churnwatch.jobs.index.IndexTemplates;
import io.churnwatch.jobs.kafka.KafkaFailedDocumentHandler;
import io.churnwatch.jobs.kafka.RulesSource;
import io.churnwatch.jobs.kafka.TopicInput;
import io.churnwatch.schemas.kafka.TopicSpec;
import io.churnwatch.schemas.kafka.Topics;
import io.churnwatch.sink.elasticsearch.ElasticsearchSink;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detection job on live Kafka topics: {@link ChurnJob} between Kafka sources and the Kafka
 * and Elasticsearch sinks. Sources and sinks have uids too, because the Kafka source keeps its
 * offsets and the sinks their buffered requests and transactions in checkpoints.
 */
public final class LiveChurnJob {

    private static final Logger LOG = LoggerFactory.getLogger(LiveChurnJob.class);

    private LiveChurnJob() {}

    /** Adds the whole job to {@code env}; the caller executes it. */
    public static ChurnJob.Outputs build(StreamExecutionEnvironment env, JobSettings settings) {
        env.enableCheckpointing(settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        // Records are not mutated once emitted, so chained operators may hand them on without a copy.
        env.getConfig().enableObjectReuse();

        Input<OrderEvent> orders =
                source(env, settings, Topics.ORDERS, (e, t) -> e.getEventTime().toEpochMilli());
        Input<DeliveryEvent> deliveries = source(
                env, settings, Topics.DELIVERIES, (e, t) -> e.getEventTime().toEpochMilli());
        Input<SupportTicketEvent> tickets =
                source(env, settings, Topics.TICKETS, (e, t) -> e.getEventTime().toEpochMilli());
        Input<CustomerProfile> profiles = source(
                env,
                settings,
                Topics.CUSTOMER_PROFILES,
                (e, t) -> e.getUpdatedAt().toEpochMilli());
        DataStream<String> rules = env.fromSource(
                        RulesSource.rules(settings.kafka(), settings.groupId(), settings.bounded()),
                        RulesSource.neverHoldsBackEventTime(),
                        "Kafka: " + Topics.CHURN_RULES.name())
                .uid("source-" + Topics.CHURN_RULES.name())
                .setParallelism(1);

        ChurnJob.Outputs out = ChurnJob.detect(
                new ChurnJob.Inputs(orders.events(), deliveries.events(), tickets.events(), profiles.events(), rules),
                settings.rules());

        // Each alert stream gets its own sinks, so the customer alerts' sinks chain to the risk operator
        // and its alerts are not serialized for the network (see ChurnJob.Outputs). The operational
        // sinks are new uids: restored from an older savepoint, they simply start empty.
        out.customerAlerts()
                .sinkTo(KafkaSinks.alerts(settings.kafka(), settings.groupId() + "-alerts"))
                .uid("sink-kafka-alerts")
                .name("Kafka: churn-alerts (exactly once)");
        out.operationalAlerts()
                .sinkTo(KafkaSinks.alerts(settings.kafka(), settings.groupId() + "-operational-alerts"))
                .uid("sink-kafka-operational-alerts")
                .name("Kafka: churn-alerts, operational (exactly once)");
        out.incidents()
                .sinkTo(KafkaSinks.incidents(settings.kafka()))
                .uid("sink-kafka-incidents")
                .name("Kafka: churn-incidents");
        if (settings.elasticsearch() != null) {
            out.customerAlerts()
                    .sinkTo(alertsToElasticsearch(settings))
                    .uid("sink-es-alerts")
                    .name("Elasticsearch: churn-alerts");
            out.operationalAlerts()
                    .sinkTo(alertsToElasticsearch(settings))
                    .uid("sink-es-operational-alerts")
                    .name("Elasticsearch: churn-alerts, operational");
            out.incidents()
                    .sinkTo(ElasticsearchSink.<Incident>builder()
                            .setConnection(settings.elasticsearch())
                            .setElementConverter(new IncidentDocuments())
                            .setFailedDocumentHandler(new KafkaFailedDocumentHandler(settings.kafka()))
                            .build())
                    .uid("sink-es-incidents")
                    .name("Elasticsearch: churn-incidents");
            // A new sink with a new uid: restored from an older savepoint it starts empty, and the days
            // judged from then on are indexed.
            out.complaintDays()
                    .sinkTo(ElasticsearchSink.<ComplaintDay>builder()
                            .setConnection(settings.elasticsearch())
                            .setElementConverter(new ComplaintDayDocuments())
                            .setFailedDocumentHandler(new KafkaFailedDocumentHandler(settings.kafka()))
                            .build())
                    .uid("sink-es-complaint-days")
                    .name("Elasticsearch: churn-complaint-days");
        }
        DataStream<DeadLetter> deadLetters = out.deadLetters()
                .union(orders.deadLetters(), deliveries.deadLetters(), tickets.deadLetters(), profiles.deadLetters());
        deadLetters
                .map(CountByLabels.deadLetters())
                .returns(DeadLetter.class)
                .name("Count dead letters")
                .sinkTo(KafkaSinks.deadLetters(settings.kafka()))
                .uid("sink-kafka-dlq-detection")
                .name("Kafka: churn-dlq");
        return out;
    }

    /** Alerts are few and wanted on the dashboard at once: a short buffer (see {@link AlertSearchFreshness}). */
    private static ElasticsearchSink<ChurnAlert> alertsToElasticsearch(JobSettings settings) {
        return ElasticsearchSink.<ChurnAlert>builder()
                .setConnection(settings.elasticsearch())
                .setElementConverter(new AlertDocuments())
                .setFailedDocumentHandler(new KafkaFailedDocumentHandler(settings.kafka()))
                .setMaxTimeInBuffer(settings.alertFreshness().flushInterval())
                .build();
    }

    /**
     * Installs the Elasticsearch index templates, so the first document gets the right mapping, with
     * the alert refresh interval of {@code settings}.
     */
    public static void prepareElasticsearch(JobSettings settings) throws java.io.IOException {
        if (settings.elasticsearch() == null) {
            return;
        }
        var client = settings.elasticsearch().createClient();
        try {
            IndexTemplates.withDefaults()
                    .withAlertsRefreshInterval(settings.alertFreshness().refreshInterval())
                    .install(client);
            LOG.info(
                    "Index templates {} installed on {}",
                    IndexTemplates.names(),
                    settings.elasticsearch().hostsDescription());
        } finally {
            client._transport().close();
        }
    }

    private static <T extends SpecificRecord> Input<T> source(
            StreamExecutionEnvironment env,
            JobSettings settings,
            TopicSpec<T> topic,
            SerializableTimestampAssigner<T> time) {
        TopicInput<T> input = settings.bounded()
                ? TopicInput.bounded(topic, time)
                        .endingAt(settings.endOfRecording().toEpochMilli())
                : TopicInput.unbounded(topic, time);
        TopicInput.Streams<T> read =
                input.withSourceUid().read(env, settings.kafka(), settings.groupId(), settings.watermarks());
        return new Input<>(read.events(), read.deadLetters());
    }

    /** One topic's good events and its dead letters. */
    private record Input<T>(DataStream<T> events, DataStream<DeadLetter> deadLetters) {}
}
