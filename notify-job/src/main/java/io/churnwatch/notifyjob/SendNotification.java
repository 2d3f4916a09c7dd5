package io.churnwatch.notifyjob;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.churnwatch.alerting.config.RoutingConfig;
import io.churnwatch.alerting.config.RoutingConfigLoader;
import io.churnwatch.alerting.nflog.ElasticsearchNotificationLog;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.retry.NotificationDispatcher;
import io.churnwatch.events.DeadLetter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each notification through the alerting module's {@link NotificationDispatcher}: one
 * thread per receiver, retries with backoff and Retry-After, a circuit breaker, every attempt in
 * the Elasticsearch notification log, failed-for-good notifications to {@code churn-dlq}. The task
 * thread only hands the notification over; Flink's Async I/O operator waits for the result.
 *
 * <p>At least once: Async I/O checkpoints the notifications still in flight and re-sends them after
 * a restore. A notification that was delivered but not yet acknowledged to the operator at the
 * checkpoint is therefore sent again; PagerDuty de-duplicates on {@code dedup_key}, webhooks carry
 * the same {@code webhook-id}, Alertmanager de-duplicates on labels, and the notification log's
 * document ids are deterministic. Slack and email may show the message twice.
 */
final class SendNotification extends RichAsyncFunction<Notification, NotificationOutcome> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SendNotification.class);

    public static final String UID = "deliver-notifications";
    public static final String NAME = "Deliver notifications (retries, notification log, dead letters)";

    private final NotifySettings settings;

    private transient ElasticsearchClient elasticsearch;
    private transient KafkaDeadLetterSink deadLetters;
    private transient NotificationDispatcher dispatcher;
    private transient DeliveryMetrics metrics;

    SendNotification(NotifySettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        RoutingConfig config = RoutingConfigLoader.load(Path.of(settings.routingFile()));
        elasticsearch = settings.elasticsearch().createClient();
        ElasticsearchNotificationLog log =
                new ElasticsearchNotificationLog(elasticsearch, settings.notificationIndex());
        try {
            log.installTemplate();
        } catch (IOException | RuntimeException e) {
            // The log must never hold notifications back; documents still index with dynamic mappings.
            LOG.warn(
                    "Notification log template for {} not installed on {}: {}",
                    settings.notificationIndex(),
                    settings.elasticsearch().hostsDescription(),
                    e.getClass().getSimpleName());
        }
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        deadLetters = new KafkaDeadLetterSink(settings.kafka(), "churnwatch-delivery-dlq-" + subtask);
        // A receiver's rate limit holds across all customers: each parallel subtask paces its share.
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        dispatcher = NotificationDispatcher.fromConfig(config, log, deadLetters, Clock.systemUTC())
                .withRateLimits(config, 1.0 / parallelism, Clock.systemUTC());
        metrics = new DeliveryMetrics(
                getRuntimeContext().getMetricGroup(), config.receivers().keySet());
        LOG.info(
                "Delivering to receivers {} with the notification log on {}",
                config.receivers().keySet(),
                settings.elasticsearch().hostsDescription());
    }

    @Override
    public void asyncInvoke(Notification n, ResultFuture<NotificationOutcome> result) {
        try {
            dispatcher.dispatch(n).whenComplete((report, error) -> {
                if (error != null) {
                    // ReceiverDelivery turns every failure into a report; this is a bug, not a bad receiver.
                    LOG.error("Delivery of notification {} to {} failed unexpectedly", n.id(), n.receiver(), error);
                    deadLetters.accept(deadLetter(
                            n,
                            "delivery failed unexpectedly: " + error.getClass().getName()));
                    metrics.deadLettered(n.receiver());
                    result.complete(List.of(NotificationOutcome.deadLettered(n)));
                } else {
                    metrics.record(report);
                    result.complete(List.of(NotificationOutcome.of(report)));
                }
            });
        } catch (IllegalArgumentException e) {
            // The routing file changed since the engine grouped this notification and the receiver is gone.
            LOG.warn("Notification {} dead-lettered: {}", n.id(), e.getMessage());
            deadLetters.accept(deadLetter(n, e.getMessage()));
            metrics.deadLettered(n.receiver());
            result.complete(List.of(NotificationOutcome.deadLettered(n)));
        }
    }

    @Override
    public void timeout(Notification n, ResultFuture<NotificationOutcome> result) {
        // Failing the job would re-send every in-flight notification; the dispatcher is still on it.
        LOG.warn(
                "Notification {} to {} still not delivered after {}; no longer waiting for it",
                n.id(),
                n.receiver(),
                settings.deliveryTimeout());
        metrics.timedOut(n.receiver());
        result.complete(List.of(
                NotificationOutcome.timedOut(n, settings.deliveryTimeout().toMillis())));
    }

    @Override
    public void close() throws Exception {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
        if (elasticsearch != null) {
            elasticsearch._transport().close();
        }
    }

    private static DeadLetter deadLetter(Notification n, String reason) {
        return DeadLetter.newBuilder()
                .setStage("notify:" + n.receiver())
                .setReason(reason)
                .setKey(ByteBuffer.wrap(n.id().getBytes(StandardCharsets.UTF_8)))
                .setPayload(ByteBuffer.wrap(("notification " + n.id() + " (" + n.status() + ") for alerts "
                                + String.join(", ", n.alertIds()))
                        .getBytes(StandardCharsets.UTF_8)))
                .setContentType("text/plain")
                .setFailedAt(Instant.now())
                .build();
    }
}
