package io.churnwatch.notifyjob;

import io.churnwatch.alerting.config.RoutingConfigLoader;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.events.AlertAction;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.flink.input.SplitDeadLetters;
import io.churnwatch.flink.job.JobCommandLine;
import io.churnwatch.flink.kafka.KafkaSinks;
import io.churnwatch.flink.kafka.KafkaSources;
import io.churnwatch.flink.metrics.CountByLabels;
import io.churnwatch.schemas.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The alert delivery job: {@code churn-alerts} (read_committed, so only alerts of committed
 * detection checkpoints), the retention console's {@code churn-actions} and {@code churn-silences}
 * from Kafka, through {@link NotifyPipeline}, to
 * the receivers of the routing file. Notification attempts go to the Elasticsearch notification
 * log; dead letters (undecodable alerts and actions, bad silences, undeliverable notifications) to
 * {@code churn-dlq}.
 *
 * <p>Kafka security comes from the environment ({@link KafkaConnection#fromEnvironment}), as do
 * Elasticsearch credentials ({@code CHURNWATCH_ES_*}); receiver secrets come from the routing file's
 * {@code *_env} and {@code *_file} entries, read on the task managers.
 */
@Command(
        name = "churnwatch-notify",
        mixinStandardHelpOptions = true,
        description = "Delivers ChurnWatch alerts to PagerDuty, Slack, email, webhooks and Alertmanager.")
public final class NotifyJob implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyJob.class);

    /**
     * Kept from when this job was called "delivery": a new group id would start from the earliest
     * offset of {@code churn-alerts} and notify people again of every alert on a redeploy.
     */
    public static final String DEFAULT_GROUP_ID = "churnwatch-delivery";

    /** The sink that discards delivery outcomes; every sink has a uid (see UidsTest). */
    static final String OUTCOMES_SINK_UID = "sink-discard-outcomes";

    @Option(
            names = "--bootstrap-servers",
            description = "Kafka bootstrap servers (default: $CHURNWATCH_KAFKA_BOOTSTRAP)")
    String bootstrapServers;

    @Option(
            names = "--routing-file",
            required = true,
            description = "Routing YAML; the same path must be readable on every task manager")
    Path routingFile;

    @Option(
            names = "--elasticsearch",
            description =
                    "Elasticsearch URL(s), comma-separated, for the notification log (default: CHURNWATCH_ES_URL)")
    String elasticsearchUrls;

    @Option(
            names = "--notification-index",
            defaultValue = "churn-notifications",
            description = "Default: ${DEFAULT-VALUE}")
    String notificationIndex;

    @Option(
            names = "--group-id",
            defaultValue = DEFAULT_GROUP_ID,
            description = "Kafka consumer group. Default: ${DEFAULT-VALUE}")
    String groupId;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "PT10S",
            description = "ISO-8601. Default: ${DEFAULT-VALUE}")
    Duration checkpointInterval;

    @Option(
            names = "--delivery-timeout",
            defaultValue = "PT15M",
            description = "Longest wait for one notification, retries included. Default: ${DEFAULT-VALUE}")
    Duration deliveryTimeout;

    @Option(names = "--parallelism", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}")
    int parallelism;

    /**
     * Runs the job. On {@code flink run} and over REST this runs inside Flink's client or JobManager,
     * so a bad argument (a missing {@code --routing-file}, say) is thrown with the usage message and
     * never exits the JVM (see {@link JobCommandLine}); from a plain command line it exits with
     * status 2.
     */
    public static void main(String[] args) throws Exception {
        JobCommandLine.main(new CommandLine(new NotifyJob()), args);
    }

    @Override
    public Integer call() throws Exception {
        // Fail at submission, with every problem listed, rather than in each task manager's open().
        RoutingConfigLoader.load(routingFile);
        KafkaConnection kafka = KafkaConnection.fromEnvironment(bootstrapServers);
        NotifySettings settings = new NotifySettings(
                routingFile.toAbsolutePath().toString(),
                kafka,
                io.churnwatch.connect.ElasticsearchConnection.fromEnvironment(elasticsearchUrls),
                notificationIndex,
                deliveryTimeout,
                NotifySettings.DEFAULT_MAX_IN_FLIGHT);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        build(env, settings, groupId, checkpointInterval);
        LOG.info("Starting alert delivery from {} with routing file {}", kafka, routingFile);
        env.execute("ChurnWatch notify");
        return 0;
    }

    /** Adds the whole job to {@code env}; the caller executes it. */
    public static NotifyPipeline.Outputs build(
            StreamExecutionEnvironment env, NotifySettings settings, String groupId, Duration checkpointInterval) {
        env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);

        SingleOutputStreamOperator<ChurnAlert> alerts = env.fromSource(
                        KafkaSources.events(settings.kafka(), Topics.CHURN_ALERTS, groupId),
                        WatermarkStrategy.noWatermarks(),
                        "Kafka: " + Topics.CHURN_ALERTS.name())
                .uid("source-" + Topics.CHURN_ALERTS.name())
                .process(SplitDeadLetters.<ChurnAlert>of(Topics.CHURN_ALERTS))
                .returns(ChurnAlert.class)
                .name("Dead letters: " + Topics.CHURN_ALERTS.name());
        // Its own consumer group: the offsets of churn-alerts' group stay as they were.
        SingleOutputStreamOperator<AlertAction> actions = env.fromSource(
                        KafkaSources.events(settings.kafka(), Topics.CHURN_ACTIONS, groupId + "-actions"),
                        WatermarkStrategy.noWatermarks(),
                        "Kafka: " + Topics.CHURN_ACTIONS.name())
                .uid("source-" + Topics.CHURN_ACTIONS.name())
                .process(SplitDeadLetters.<AlertAction>of(Topics.CHURN_ACTIONS))
                .returns(AlertAction.class)
                .name("Dead letters: " + Topics.CHURN_ACTIONS.name());
        DataStream<SilenceUpdate> silences = env.fromSource(
                        SilenceSource.silences(settings.kafka(), groupId),
                        WatermarkStrategy.noWatermarks(),
                        "Kafka: " + Topics.CHURN_SILENCES.name())
                .uid("source-" + Topics.CHURN_SILENCES.name())
                .setParallelism(1);

        NotifyPipeline.Outputs out = NotifyPipeline.attach(alerts, actions, silences, settings);

        // Outcomes are already in the notification log; the sink only gives the operator a consumer.
        // It keeps no state, so its uid (added after the first release) restores from any savepoint.
        out.outcomes()
                .sinkTo(new DiscardingSink<>())
                .uid(OUTCOMES_SINK_UID)
                .name("Delivery outcomes (see churn-notifications)");
        DataStream<DeadLetter> deadLetters = out.deadLetters()
                .union(
                        alerts.getSideOutput(SplitDeadLetters.DEAD_LETTERS),
                        actions.getSideOutput(SplitDeadLetters.DEAD_LETTERS));
        deadLetters
                .map(CountByLabels.deadLetters())
                .returns(DeadLetter.class)
                .name("Count dead letters")
                .sinkTo(KafkaSinks.deadLetters(settings.kafka()))
                .uid("sink-kafka-dlq")
                .name("Kafka: churn-dlq");
        return out;
    }
}
