package io.churnwatch.jobs;

import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.time.Watermarks;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the live job needs to know, validated before the job graph is built.
 *
 * @param kafka where the topics are
 * @param elasticsearch where alerts and incidents are indexed; null to skip Elasticsearch
 * @param groupId the consumer group, which is also the prefix of the Kafka transactional ids
 * @param rules the rules in force until an update arrives on {@code churn-rules}
 * @param watermarks live or replay event time
 * @param checkpointInterval how often state is checkpointed and alert transactions commit; alerts
 *     become visible to {@code read_committed} consumers at this pace
 * @param endOfRecording null for a live job; for a replay of what the topics hold now, the time of
 *     the last recorded event: the sources stop at the current end offsets and event time ends
 *     there, so a deadline after it is not missed
 * @param alertFreshness how soon alerts become searchable in Elasticsearch (sink flush interval and
 *     index refresh interval)
 */
public record JobSettings(
        KafkaConnection kafka,
        ElasticsearchConnection elasticsearch,
        String groupId,
        ChurnRules rules,
        Watermarks watermarks,
        Duration checkpointInterval,
        java.time.Instant endOfRecording,
        AlertSearchFreshness alertFreshness) {

    public static final String DEFAULT_GROUP_ID = "churnwatch-detection";
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    /** A live job: unbounded sources. */
    public JobSettings(
            KafkaConnection kafka,
            ElasticsearchConnection elasticsearch,
            String groupId,
            ChurnRules rules,
            Watermarks watermarks,
            Duration checkpointInterval) {
        this(kafka, elasticsearch, groupId, rules, watermarks, checkpointInterval, null);
    }

    /** With the default {@link AlertSearchFreshness}. */
    public JobSettings(
            KafkaConnection kafka,
            ElasticsearchConnection elasticsearch,
            String groupId,
            ChurnRules rules,
            Watermarks watermarks,
            Duration checkpointInterval,
            java.time.Instant endOfRecording) {
        this(
                kafka,
                elasticsearch,
                groupId,
                rules,
                watermarks,
                checkpointInterval,
                endOfRecording,
                AlertSearchFreshness.defaults());
    }

    public JobSettings withAlertFreshness(AlertSearchFreshness freshness) {
        return new JobSettings(
                kafka, elasticsearch, groupId, rules, watermarks, checkpointInterval, endOfRecording, freshness);
    }

    public boolean bounded() {
        return endOfRecording != null;
    }

    public JobSettings {
        Objects.requireNonNull(kafka, "kafka connection");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(watermarks, "watermarks");
        Objects.requireNonNull(alertFreshness, "alert freshness");
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("a consumer group id is required");
        }
        if (checkpointInterval == null || checkpointInterval.toMillis() < 100) {
            throw new IllegalArgumentException(
                    "checkpoint interval must be at least 100 ms, got " + checkpointInterval);
        }
    }
}
