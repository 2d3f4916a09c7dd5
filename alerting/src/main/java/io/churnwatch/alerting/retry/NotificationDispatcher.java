package io.churnwatch.alerting.retry;

import io.churnwatch.alerting.config.ReceiverConfig;
import io.churnwatch.alerting.config.RoutingConfig;
import io.churnwatch.alerting.nflog.NotificationLog;
import io.churnwatch.alerting.notify.Channel;
import io.churnwatch.alerting.notify.Channels;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.notify.RateLimit;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Hands each notification to its receiver's {@link ReceiverDelivery} on that receiver's own
 * thread. One thread per receiver keeps a receiver's notifications in order (a PagerDuty resolve
 * never overtakes its trigger) and means a receiver that is down, retrying, delays only itself.
 */
public final class NotificationDispatcher implements AutoCloseable {
    private final Map<String, ReceiverDelivery> deliveries = new LinkedHashMap<>();
    private final Map<String, ExecutorService> executors = new LinkedHashMap<>();
    private final Map<String, ReceiverPacer> pacers = new LinkedHashMap<>();

    public NotificationDispatcher(List<ReceiverDelivery> deliveries) {
        for (ReceiverDelivery d : deliveries) {
            this.deliveries.put(d.receiver(), d);
            this.executors.put(d.receiver(), Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "notify-" + d.receiver());
                t.setDaemon(true);
                return t;
            }));
        }
    }

    /**
     * Paces every receiver that has a {@code rate_limit} across all alert groups.
     *
     * @param share the part of each limit this dispatcher may use, e.g. 1/parallelism when several
     *     parallel dispatchers share one receiver
     */
    public NotificationDispatcher withRateLimits(RoutingConfig config, double share, Clock clock) {
        return withRateLimits(config, share, clock, d -> Thread.sleep(Math.max(1, d.toMillis())));
    }

    NotificationDispatcher withRateLimits(
            RoutingConfig config, double share, Clock clock, ReceiverPacer.Sleeper sleeper) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share of a rate limit must be in (0, 1], got " + share);
        }
        for (ReceiverConfig r : config.receivers().values()) {
            r.rateLimit()
                    .ifPresent(limit -> pacers.put(
                            r.name(),
                            new ReceiverPacer(
                                    new RateLimit(limit.rate() * share, limit.per(), Math.max(1, (int)
                                            Math.floor(limit.burst() * share))),
                                    clock,
                                    sleeper)));
        }
        return this;
    }

    /** Builds a delivery for every receiver in the routing file. */
    public static NotificationDispatcher fromConfig(
            RoutingConfig config, NotificationLog log, DeadLetterSink deadLetters, Clock clock) {
        return fromConfig(config, log, deadLetters, clock, r -> Channels.create(r, config, clock));
    }

    public static NotificationDispatcher fromConfig(
            RoutingConfig config,
            NotificationLog log,
            DeadLetterSink deadLetters,
            Clock clock,
            Function<ReceiverConfig, Channel> channels) {
        return new NotificationDispatcher(config.receivers().values().stream()
                .map(r -> new ReceiverDelivery(
                        r.name(),
                        channels.apply(r),
                        r.delivery(),
                        new BackoffPolicy(r.delivery()),
                        log,
                        deadLetters,
                        clock))
                .toList());
    }

    public CompletableFuture<DeliveryReport> dispatch(Notification n) {
        ReceiverDelivery d = deliveries.get(n.receiver());
        if (d == null) {
            throw new IllegalArgumentException("receiver " + n.receiver() + " is not defined (known: "
                    + String.join(", ", deliveries.keySet()) + ")");
        }
        ReceiverPacer pacer = pacers.get(n.receiver());
        return CompletableFuture.supplyAsync(
                () -> {
                    if (pacer != null) {
                        try {
                            pacer.awaitTurn();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return d.deliver(n);
                },
                executors.get(n.receiver()));
    }

    public ReceiverDelivery delivery(String receiver) {
        return deliveries.get(receiver);
    }

    @Override
    public void close() throws InterruptedException {
        for (ExecutorService e : executors.values()) {
            e.shutdown();
        }
        for (ExecutorService e : executors.values()) {
            if (!e.awaitTermination(30, TimeUnit.SECONDS)) {
                e.shutdownNow();
            }
        }
    }
}
