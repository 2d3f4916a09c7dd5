package io.churnwatch.alerting.retry;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.churnwatch.alerting.config.DeliveryPolicy;
import io.churnwatch.alerting.nflog.NotificationLog;
import io.churnwatch.alerting.nflog.NotificationRecord;
import io.churnwatch.alerting.notify.Channel;
import io.churnwatch.alerting.notify.DeliveryResult;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.notify.RenderedPayload;
import io.churnwatch.events.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications to one receiver: retries with backoff (Retry-After honoured), a circuit
 * breaker that stops hammering a receiver that is down, every attempt recorded in the
 * {@link NotificationLog}, and the dead-letter sink for what still fails. Written once for all
 * channels; a channel only makes single attempts.
 *
 * <p>Only retryable failures count against the circuit breaker: a permanent refusal says the
 * request is bad, not that the receiver is down. With the breaker open a notification is
 * dead-lettered at once rather than waiting, so the queue behind it drains.
 */
public final class ReceiverDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverDelivery.class);

    private final String receiver;
    private final Channel channel;
    private final NotificationLog log;
    private final DeadLetterSink deadLetters;
    private final Clock clock;
    private final FailsafeExecutor<DeliveryResult> failsafe;
    private final CircuitBreaker<DeliveryResult> breaker;
    private final int maxAttempts;
    private volatile String lastLoggedError;

    public ReceiverDelivery(
            String receiver,
            Channel channel,
            DeliveryPolicy policy,
            BackoffPolicy backoff,
            NotificationLog log,
            DeadLetterSink deadLetters,
            Clock clock) {
        this.receiver = receiver;
        this.channel = channel;
        this.log = log;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.maxAttempts = policy.maxAttempts();
        RetryPolicy<DeliveryResult> retry = RetryPolicy.<DeliveryResult>builder()
                .handleResultIf(r -> r instanceof DeliveryResult.Retryable)
                .abortOn(CircuitBreakerOpenException.class)
                .withMaxAttempts(policy.maxAttempts())
                .withDelayFn(ctx -> backoff.delay(ctx.getAttemptCount(), ctx.getLastResult()))
                .build();
        this.breaker = CircuitBreaker.<DeliveryResult>builder()
                .handleResultIf(r -> r instanceof DeliveryResult.Retryable)
                .withFailureThreshold(policy.breakerFailures())
                .withDelay(policy.breakerDelay())
                .onOpen(e -> LOG.warn(
                        "Circuit for receiver {} opened; notifications go to the dead-letter topic for {}",
                        receiver,
                        policy.breakerDelay()))
                .onHalfOpen(e -> LOG.info("Circuit for receiver {} half-open: trying again", receiver))
                .onClose(e -> LOG.info("Circuit for receiver {} closed", receiver))
                .build();
        this.failsafe = Failsafe.with(retry, breaker);
    }

    public String receiver() {
        return receiver;
    }

    public boolean isCircuitOpen() {
        return breaker.isOpen();
    }

    /** Blocks until delivered or dead-lettered; never throws for a delivery failure. */
    public DeliveryReport deliver(Notification n) {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<DeliveryResult> last = new AtomicReference<>();
        long start = System.nanoTime();
        DeliveryResult result;
        try {
            result = failsafe.get(() -> attempt(n, attempts, last));
        } catch (CircuitBreakerOpenException e) {
            result = new DeliveryResult.Retryable("circuit open for receiver " + receiver
                    + (last.get() == null ? "" : " after: " + last.get().describe()));
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        boolean delivered = result instanceof DeliveryResult.Delivered;
        if (!delivered) {
            deadLetter(n, result, attempts.get());
        } else if (lastLoggedError != null) {
            LOG.info("Receiver {} delivers again", receiver);
            lastLoggedError = null;
        }
        log.record(record(
                n,
                NotificationRecord.Kind.FINAL,
                delivered ? NotificationRecord.Outcome.DELIVERED : NotificationRecord.Outcome.DEAD_LETTERED,
                attempts.get(),
                latency,
                delivered ? null : result.describe()));
        return new DeliveryReport(n, result, attempts.get(), latency, !delivered);
    }

    private DeliveryResult attempt(Notification n, AtomicInteger attempts, AtomicReference<DeliveryResult> last) {
        int attempt = attempts.incrementAndGet();
        long start = System.nanoTime();
        DeliveryResult r;
        try {
            r = channel.send(n);
        } catch (RuntimeException e) {
            // A bug in rendering will fail the same way every time; retrying would only delay the dead letter.
            r = new DeliveryResult.Permanent(channel.type() + " receiver " + receiver + " failed: "
                    + e.getClass().getName());
        }
        last.set(r);
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        NotificationRecord.Outcome outcome;
        if (r instanceof DeliveryResult.Delivered) {
            outcome = NotificationRecord.Outcome.DELIVERED;
        } else if (r instanceof DeliveryResult.Retryable && attempt < maxAttempts) {
            outcome = NotificationRecord.Outcome.RETRYING;
            logOnChange(r);
        } else {
            outcome = NotificationRecord.Outcome.FAILED;
            logOnChange(r);
        }
        log.record(record(
                n,
                NotificationRecord.Kind.ATTEMPT,
                outcome,
                attempt,
                latency,
                outcome == NotificationRecord.Outcome.DELIVERED ? null : r.describe()));
        return r;
    }

    /** Logs a failing receiver again only when the error changes, not on every retry. */
    private void logOnChange(DeliveryResult r) {
        String error = r.describe();
        if (!error.equals(lastLoggedError)) {
            LOG.warn("Receiver {} failing: {}", receiver, error);
            lastLoggedError = error;
        }
    }

    private void deadLetter(Notification n, DeliveryResult result, int attempts) {
        RenderedPayload payload = channel.render(n);
        Instant now = clock.instant();
        DeadLetter dl = DeadLetter.newBuilder()
                .setStage("notify:" + receiver)
                .setReason(result.describe())
                .setKey(ByteBuffer.wrap(n.lead().getAlertId().getBytes(StandardCharsets.UTF_8)))
                .setPayload(ByteBuffer.wrap(payload.body()))
                .setContentType(payload.contentType())
                .setAttempts(attempts)
                .setFailedAt(now)
                .build();
        LOG.warn(
                "Notification {} for alert {} to receiver {} dead-lettered after {} attempts",
                n.id(),
                n.lead().getAlertId(),
                receiver,
                attempts);
        try {
            deadLetters.accept(dl);
        } catch (RuntimeException e) {
            LOG.error(
                    "Dead-letter sink refused notification {} for receiver {}: {}",
                    n.id(),
                    receiver,
                    e.getClass().getSimpleName());
        }
    }

    private NotificationRecord record(
            Notification n,
            NotificationRecord.Kind kind,
            NotificationRecord.Outcome outcome,
            int attempts,
            Duration latency,
            String reason) {
        return new NotificationRecord(
                kind,
                n.id(),
                n.lead().getAlertId(),
                n.alertIds(),
                receiver,
                channel.type(),
                outcome,
                attempts,
                latency.toMillis(),
                clock.instant(),
                n.dedupKey(),
                n.groupKey(),
                n.status().name(),
                reason);
    }
}
