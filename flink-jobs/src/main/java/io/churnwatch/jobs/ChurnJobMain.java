package io.churnwatch.jobs;

import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.flink.job.JobCommandLine;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.jobs.time.EventClock;
import io.churnwatch.jobs.time.EventTimeMode;
import io.churnwatch.jobs.time.Watermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the detection job on a Flink cluster:
 * {@code flink run -d churnwatch-flink-jobs-<version>-job.jar --bootstrap-servers kafka:9092 --elasticsearch http://es:9200}.
 * Kafka and Elasticsearch credentials come from the CHURNWATCH_KAFKA_* and CHURNWATCH_ES_*
 * variables of the client that submits the job (see README, "Security").
 */
@Command(
        name = "churnwatch-detection",
        mixinStandardHelpOptions = true,
        description = "The ChurnWatch detection job: Kafka in, churn-alerts and Elasticsearch out.")
public final class ChurnJobMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ChurnJobMain.class);

    @Option(
            names = "--bootstrap-servers",
            description = "Kafka bootstrap servers (default: CHURNWATCH_KAFKA_BOOTSTRAP).")
    String bootstrapServers;

    @Option(
            names = "--elasticsearch",
            description = "Elasticsearch URL(s), comma-separated (default: CHURNWATCH_ES_URL; none: no indexing).")
    String elasticsearch;

    @Option(
            names = "--mode",
            defaultValue = "LIVE",
            description = "LIVE (watermarks also follow the wall clock) or REPLAY (event time only).")
    EventTimeMode mode;

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            description = "Rules in force until an update arrives on churn-rules (default: the documented defaults).")
    Path rules;

    @Option(
            names = "--group-id",
            defaultValue = JobSettings.DEFAULT_GROUP_ID,
            description = "Kafka consumer group and transactional id prefix (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "PT10S",
            description =
                    "Checkpoint interval; alerts are committed to churn-alerts at this pace (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(
            names = "--out-of-orderness",
            defaultValue = "PT5S",
            description = "How far out of order events may arrive (default: ${DEFAULT-VALUE}).")
    Duration outOfOrderness;

    @Option(
            names = "--allowed-delay",
            defaultValue = "PT5S",
            description = "Live mode: how far the watermark may trail the wall clock (default: ${DEFAULT-VALUE}).")
    Duration allowedDelay;

    @Option(
            names = "--idleness",
            defaultValue = "PT10S",
            description =
                    "Replay mode: a silent partition stops holding the watermark after this (default: ${DEFAULT-VALUE}).")
    Duration idleness;

    @Option(
            names = "--es-alert-flush-interval",
            defaultValue = "PT0.1S",
            description =
                    "Longest time an alert waits in the Elasticsearch sink's buffer before it is sent (default: ${DEFAULT-VALUE}).")
    Duration esAlertFlushInterval;

    @Option(
            names = "--es-alert-refresh-interval",
            defaultValue = "PT0.25S",
            description =
                    "refresh_interval of the churn-alerts index, also set on an existing one; alerts are searchable after the next refresh (default: ${DEFAULT-VALUE}; Elasticsearch's own is 1s).")
    Duration esAlertRefreshInterval;

    @Override
    public Integer call() throws Exception {
        ChurnRules defaults = rules == null ? RulesParser.defaults() : RulesParser.parse(Files.readString(rules));
        Watermarks watermarks = (mode == EventTimeMode.LIVE
                        ? Watermarks.live(EventClock.wallClock())
                        : Watermarks.replay())
                .withOutOfOrderness(outOfOrderness)
                .withAllowedDelay(allowedDelay)
                .withIdleness(idleness);
        // Indexing is optional for this job: without --elasticsearch and CHURNWATCH_ES_URL it is off.
        ElasticsearchConnection es = elasticsearch != null
                ? ElasticsearchConnection.fromEnvironment(elasticsearch)
                : ElasticsearchConnection.fromEnvironment(System.getenv()).orElse(null);
        JobSettings settings = new JobSettings(
                        KafkaConnection.fromEnvironment(bootstrapServers),
                        es,
                        groupId,
                        defaults,
                        watermarks,
                        checkpointInterval)
                .withAlertFreshness(new AlertSearchFreshness(esAlertFlushInterval, esAlertRefreshInterval));
        LiveChurnJob.prepareElasticsearch(settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LiveChurnJob.build(env, settings);
        LOG.info("Submitting the ChurnWatch detection job ({} mode) on {}", mode, settings.kafka());
        env.execute("ChurnWatch detection");
        return 0;
    }

    /**
     * Runs the job. On {@code flink run} and over REST this runs inside Flink's client or JobManager,
     * so a bad argument is thrown with the usage message and never exits the JVM (see
     * {@link JobCommandLine}); from a plain command line it exits with status 2.
     */
    public static void main(String[] args) throws Exception {
        JobCommandLine.main(commandLine(), args);
    }

    static CommandLine commandLine() {
        return new CommandLine(new ChurnJobMain()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
