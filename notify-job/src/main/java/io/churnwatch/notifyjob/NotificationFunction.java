package io.churnwatch.notifyjob;

import io.churnwatch.alerting.AlertEngine;
import io.churnwatch.alerting.config.RoutingConfigLoader;
import io.churnwatch.alerting.group.EngineState;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.silence.SilenceStore;
import io.churnwatch.events.AlertAction;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.schemas.kafka.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink shell of the {@link AlertEngine}: per key (see {@link AlertKeys}) it loads the
 * {@link EngineState}, hands the engine an alert, a console action ({@link EngineInput}) or the time, emits the notifications due, and
 * keeps exactly one processing-time timer at the engine's next wake-up. State and timer are
 * cleared as soon as the engine holds nothing, so resolved customers cost nothing.
 *
 * <p>Processing time, not event time: group_wait, group_interval, repeat_interval, quiet hours and
 * rate limits are promises about when people are told, which follow the wall clock even when the
 * alerts are old (a replay, or a backlog after an outage).
 *
 * <p>Actions from the retention console (acknowledge, snooze, resolve) arrive keyed like the alert
 * they name and become mutes in the same engine state (see {@code AlertEngine#onAction}), so they
 * need no state or timer of their own.
 *
 * <p>Silences arrive on the broadcast side. They are kept as raw JSON in broadcast state (so they
 * survive restarts and rescaling) and parsed into a transient {@link SilenceStore}, which the
 * engine consults at every flush. A silence that does not parse goes to {@link #REJECTED_SILENCES}.
 *
 * <p>The routing file is read in {@link #open}, on the task manager: the resolved config holds
 * secrets and must never travel in the job graph or a checkpoint.
 */
public final class NotificationFunction
        extends KeyedBroadcastProcessFunction<String, Either<ChurnAlert, AlertAction>, SilenceUpdate, Notification> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(NotificationFunction.class);

    public static final String UID = "alert-engine";
    public static final String NAME = "Alert engine: route, group, silence, inhibit";
    public static final String STAGE_SILENCE = "silence";

    public static final MapStateDescriptor<String, byte[]> SILENCES =
            new MapStateDescriptor<>("silences", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    public static final OutputTag<DeadLetter> REJECTED_SILENCES =
            new OutputTag<>("rejected-silences", TypeInformation.of(DeadLetter.class));

    private final String routingFile;

    private transient AlertEngine engine;
    private transient SilenceStore silences;
    private transient boolean silencesRestored;
    private transient ValueState<EngineState> engineState;
    private transient ValueState<Long> wakeUp;

    /** @param routingFile path of the routing YAML as the task managers see it */
    public NotificationFunction(String routingFile) {
        this.routingFile = Objects.requireNonNull(routingFile, "routingFile");
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        silences = new SilenceStore();
        engine = new AlertEngine(RoutingConfigLoader.load(Path.of(routingFile)), silences);
        engineState = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("engine-state", EngineStateSerializer.INSTANCE));
        wakeUp = getRuntimeContext().getState(new ValueStateDescriptor<>("wake-up", Types.LONG));
    }

    @Override
    public void processElement(Either<ChurnAlert, AlertAction> input, ReadOnlyContext ctx, Collector<Notification> out)
            throws Exception {
        restoreSilences(ctx.getBroadcastState(SILENCES));
        EngineState state = current();
        Instant now = Instant.ofEpochMilli(ctx.timerService().currentProcessingTime());
        emit(
                input.isLeft() ? engine.onAlert(state, input.left(), now) : engine.onAction(state, input.right(), now),
                out);
        save(state, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Notification> out) throws Exception {
        restoreSilences(ctx.getBroadcastState(SILENCES));
        // The timer that fired is gone; forget it so save() registers the next one.
        wakeUp.clear();
        EngineState state = engineState.value();
        if (state == null) {
            return;
        }
        Instant now =
                Instant.ofEpochMilli(Math.max(timestamp, ctx.timerService().currentProcessingTime()));
        emit(engine.onTime(state, now), out);
        save(state, ctx.timerService());
    }

    @Override
    public void processBroadcastElement(SilenceUpdate update, Context ctx, Collector<Notification> out)
            throws Exception {
        var stored = ctx.getBroadcastState(SILENCES);
        restoreSilences(stored);
        try {
            silences.apply(update.key, update.value);
        } catch (IllegalArgumentException e) {
            LOG.warn("Silence {} rejected: {}", update.key, e.getMessage());
            ctx.output(REJECTED_SILENCES, rejected(update, e.getMessage()));
            return;
        }
        if (update.isTombstone()) {
            stored.remove(update.key);
        } else {
            stored.put(update.key, update.value);
        }
        // Only the parsed copy forgets ended silences; the topic keeps them until their tombstone.
        silences.expire(Instant.ofEpochMilli(ctx.currentProcessingTime()));
    }

    private EngineState current() throws Exception {
        EngineState state = engineState.value();
        return state == null ? new EngineState() : state;
    }

    private static void emit(List<Notification> notifications, Collector<Notification> out) {
        for (Notification n : notifications) {
            LOG.debug("Notification {} for {} ({}, dedup key {})", n.id(), n.receiver(), n.status(), n.dedupKey());
            out.collect(n);
        }
    }

    /** Stores the state and moves the one timer to the next wake-up, or clears both when nothing is pending. */
    private void save(EngineState state, TimerService timers) throws Exception {
        Long registered = wakeUp.value();
        Long next = state.isEmpty()
                ? null
                : engine.nextWakeUp(state).map(Instant::toEpochMilli).orElse(null);
        if (!Objects.equals(registered, next)) {
            if (registered != null) {
                timers.deleteProcessingTimeTimer(registered);
            }
            if (next != null) {
                timers.registerProcessingTimeTimer(next);
                wakeUp.update(next);
            } else {
                wakeUp.clear();
            }
        }
        if (state.isEmpty()) {
            engineState.clear();
        } else {
            engineState.update(state);
        }
    }

    /** After a restart the broadcast state is back but the parsed store is empty; refill it once. */
    private void restoreSilences(ReadOnlyBroadcastState<String, byte[]> stored) throws Exception {
        if (silencesRestored) {
            return;
        }
        for (Map.Entry<String, byte[]> e : stored.immutableEntries()) {
            try {
                silences.apply(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                // It was accepted when it arrived; a stricter parser since then must not stop the job.
                LOG.warn("Stored silence {} no longer parses and is ignored: {}", e.getKey(), ex.getMessage());
            }
        }
        silencesRestored = true;
    }

    private static DeadLetter rejected(SilenceUpdate update, String reason) {
        return DeadLetter.newBuilder()
                .setStage(STAGE_SILENCE)
                .setReason(reason)
                .setSourceTopic(Topics.CHURN_SILENCES.name())
                .setKey(update.key == null ? null : ByteBuffer.wrap(update.key.getBytes(StandardCharsets.UTF_8)))
                .setPayload(update.value == null ? null : ByteBuffer.wrap(update.value))
                .setContentType("application/json")
                .setFailedAt(Instant.now())
                .build();
    }
}
