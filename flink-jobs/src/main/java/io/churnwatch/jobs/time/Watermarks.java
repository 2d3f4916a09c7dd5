package io.churnwatch.jobs.time;

import io.churnwatch.events.DeadLetter;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Either;

/**
 * The job's watermark settings, with named defaults, and the {@link WatermarkStrategy} they make.
 *
 * @param mode live or replay
 * @param outOfOrderness how late an event may arrive relative to the newest one and still count
 * @param idleness a source split silent this long stops holding the watermark back (replay);
 *     without it one empty partition stalls every timer (see STACK.md)
 * @param allowedDelay live mode only: how far the watermark may trail the clock
 * @param clock live mode only: the event-time "now"
 */
public record Watermarks(
        EventTimeMode mode, Duration outOfOrderness, Duration idleness, Duration allowedDelay, EventClock clock)
        implements java.io.Serializable {

    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(10);
    public static final Duration DEFAULT_ALLOWED_DELAY = Duration.ofSeconds(5);

    public Watermarks {
        Objects.requireNonNull(mode, "mode");
        requireNotNegative(outOfOrderness, "out-of-orderness");
        requireNotNegative(idleness, "idleness");
        requireNotNegative(allowedDelay, "allowed delay");
        if (mode == EventTimeMode.LIVE) {
            Objects.requireNonNull(clock, "live mode needs a clock");
        }
    }

    public static Watermarks replay() {
        return new Watermarks(
                EventTimeMode.REPLAY, DEFAULT_OUT_OF_ORDERNESS, DEFAULT_IDLENESS, DEFAULT_ALLOWED_DELAY, null);
    }

    public static Watermarks live(EventClock clock) {
        return new Watermarks(
                EventTimeMode.LIVE, DEFAULT_OUT_OF_ORDERNESS, DEFAULT_IDLENESS, DEFAULT_ALLOWED_DELAY, clock);
    }

    public Watermarks withOutOfOrderness(Duration value) {
        return new Watermarks(mode, value, idleness, allowedDelay, clock);
    }

    public Watermarks withIdleness(Duration value) {
        return new Watermarks(mode, outOfOrderness, value, allowedDelay, clock);
    }

    public Watermarks withAllowedDelay(Duration value) {
        return new Watermarks(mode, outOfOrderness, idleness, value, clock);
    }

    /** The strategy for one source, taking event time from {@code timestamps}. */
    public <T> WatermarkStrategy<T> strategy(SerializableTimestampAssigner<T> timestamps) {
        return this.<T>generators().withTimestampAssigner(timestamps);
    }

    /**
     * The strategy for a source that yields dead letters beside events. Only events move the
     * watermark: a dead letter's time is when it failed, which in a replay of old history would
     * jump the watermark years ahead and fire every deadline. Dead letters keep the Kafka record's
     * own timestamp, so the dead-letter topic gets a valid one.
     */
    public <T> WatermarkStrategy<Either<DeadLetter, T>> strategyIgnoringDeadLetters(
            SerializableTimestampAssigner<T> timestamps) {
        WatermarkStrategy<T> events = generators();
        WatermarkStrategy<Either<DeadLetter, T>> strategy =
                ctx -> new EventsOnly<>(events.createWatermarkGenerator(ctx));
        return strategy.withTimestampAssigner((either, recordTimestamp) -> either.isRight()
                ? timestamps.extractTimestamp(either.right(), recordTimestamp)
                : Math.max(0, recordTimestamp));
    }

    private <T> WatermarkStrategy<T> generators() {
        WatermarkStrategy<T> base;
        if (mode == EventTimeMode.LIVE) {
            EventClock liveClock = clock;
            long bound = outOfOrderness.toMillis();
            long delay = allowedDelay.toMillis();
            base = WatermarkStrategy.forGenerator(ctx -> new LiveWatermarkGenerator<>(liveClock, bound, delay));
        } else {
            base = WatermarkStrategy.<T>forBoundedOutOfOrderness(outOfOrderness);
            if (!idleness.isZero()) {
                base = base.withIdleness(idleness);
            }
        }
        return base;
    }

    /** Feeds only the events of an {@code Either<DeadLetter, T>} stream to the watermark generator. */
    private static final class EventsOnly<T> implements WatermarkGenerator<Either<DeadLetter, T>> {
        private final WatermarkGenerator<T> events;

        EventsOnly(WatermarkGenerator<T> events) {
            this.events = events;
        }

        @Override
        public void onEvent(Either<DeadLetter, T> event, long timestamp, WatermarkOutput output) {
            if (event.isRight()) {
                events.onEvent(event.right(), timestamp, output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            events.onPeriodicEmit(output);
        }
    }

    private static void requireNotNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or positive, got " + d);
        }
    }
}
