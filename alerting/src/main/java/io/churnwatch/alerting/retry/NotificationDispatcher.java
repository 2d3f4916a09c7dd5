package io.churnwatch.alerting.retry;

import io.churnwatch.alerting.config.ReceiverConfig;
import io.churnwatch.alerting.config.RoutingConfig;
import io.churnwatch.alerting.nflog.NotificationLog;
import io.churnwatch.alerting.notify.Channel;
import io.churnwatch.alerting.notify.Channels;
import io.churnwatch.alerting.notify.Notification;
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

  /** Builds a delivery for every receiver in the routing file. */
  public static NotificationDispatcher fromConfig(RoutingConfig config, NotificationLog log, DeadLetterSink deadLetters,
                                                  Clock clock) {
    return fromConfig(config, log, deadLetters, clock, r -> Channels.create(r, config, clock));
  }

  public static NotificationDispatcher fromConfig(RoutingConfig config, NotificationLog log, DeadLetterSink deadLetters,
                                                  Clock clock, Function<ReceiverConfig, Channel> channels) {
    return new NotificationDispatcher(config.receivers().values().stream()
        .map(r -> new ReceiverDelivery(r.name(), channels.apply(r), r.delivery(), new BackoffPolicy(r.delivery()),
            log, deadLetters, clock))
        .toList());
  }

  public CompletableFuture<DeliveryReport> dispatch(Notification n) {
    ReceiverDelivery d = deliveries.get(n.receiver());
    if (d == null) {
      throw new IllegalArgumentException("receiver " + n.receiver() + " is not defined (known: "
          + String.join(", ", deliveries.keySet()) + ")");
    }
    return CompletableFuture.supplyAsync(() -> d.deliver(n), executors.get(n.receiver()));
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
