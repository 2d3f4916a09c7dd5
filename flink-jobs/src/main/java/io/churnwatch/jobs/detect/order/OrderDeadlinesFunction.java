package io.churnwatch.jobs.detect.order;

import io.churnwatch.events.Incident;
import io.churnwatch.flink.metrics.ChurnMetrics;
import io.churnwatch.jobs.detect.OneTimer;
import io.churnwatch.jobs.detect.Times;
import io.churnwatch.jobs.metrics.DetectionMetrics;
import io.churnwatch.jobs.metrics.OpenCount;
import io.churnwatch.jobs.rules.ChurnRules.Grace;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The order detectors' Flink shell, keyed by order_id over orders and deliveries ({@link ShopEvent}).
 * It only loads the state, calls {@link OrderDetector}, emits, keeps the one event-time timer where the
 * detector wants it, and clears.
 *
 * <p>State per open order: one {@link OrderState} value and at most one timer. Cleared once the order is
 * finished (cancelled, or shipped and delivered) and the watermark has passed its last event, so a late
 * but in-bound event still finds it; otherwise expired after {@code idleTtl} of event time without events.
 * Each subtask counts the orders it stores and clears, and their parcels in transit, for the open-orders and
 * open-shipments gauges, in operator state so that a restore resumes them ({@link OpenCount}).
 *
 * <p>End of a recording: Flink's final watermark (Long.MAX_VALUE) fires every timer. A deadline after the
 * last event this instance has seen is not missed, only unknown, so it is not raised; state is cleared.
 * (Do not stop a job with {@code --drain} and expect to resume it: drain is an end of input too.)
 */
public class OrderDeadlinesFunction extends KeyedProcessFunction<String, ShopEvent, Incident>
        implements CheckpointedFunction {

    public static final String UID = "detect-order-deadlines";
    public static final String NAME = "Order deadlines";
    public static final Duration DEFAULT_IDLE_TTL = Duration.ofDays(60);

    /**
     * How long past its idle expiry an order is still remembered, so that the answer never depends on how
     * far the watermark happened to be: longer than any out-of-orderness the job allows (seconds), far
     * shorter than the idle TTL.
     */
    public static final Duration FORGET_MARGIN = Duration.ofDays(1);

    private final long idleTtlMillis;
    private final Grace grace;
    private transient ValueState<OrderState> state;
    /** The latest event time this instance has seen; decides which deadlines the end of input reached. */
    private transient long latestEventTime;
    /** Gauges of open orders and parcels in transit, kept in operator state (see {@link OpenCount}). */
    private transient OpenCount openOrders;

    private transient OpenCount openShipments;
    private transient ListState<Long> openOrdersState;
    private transient ListState<Long> openShipmentsState;

    /** With the documented grace periods (see {@link Grace#DEFAULTS}). */
    public OrderDeadlinesFunction() {
        this(DEFAULT_IDLE_TTL, Grace.DEFAULTS);
    }

    public OrderDeadlinesFunction(Duration idleTtl) {
        this(idleTtl, Grace.DEFAULTS);
    }

    /**
     * @param grace how late each deadline may be kept and still count as kept: the grace of the rules the job
     *     starts with. Unlike the support detector, this operator does not read rule updates, so a changed grace
     *     takes effect when the job is restarted with the new rules.
     */
    public OrderDeadlinesFunction(Duration idleTtl, Grace grace) {
        this.idleTtlMillis = idleTtl.toMillis();
        this.grace = grace;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("order", TypeInformation.of(OrderState.class)));
        latestEventTime = Times.NONE;
        MetricGroup metrics = ChurnMetrics.group(getRuntimeContext().getMetricGroup());
        metrics.gauge(DetectionMetrics.OPEN_ORDERS, openOrders);
        metrics.gauge(DetectionMetrics.OPEN_SHIPMENTS, openShipments);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        openOrdersState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>(DetectionMetrics.OPEN_ORDERS, Types.LONG));
        openShipmentsState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>(DetectionMetrics.OPEN_SHIPMENTS, Types.LONG));
        openOrders = new OpenCount();
        openShipments = new OpenCount();
        openOrders.restore(openOrdersState.get());
        openShipments.restore(openShipmentsState.get());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        openOrdersState.update(List.of(openOrders.value()));
        openShipmentsState.update(List.of(openShipments.value()));
    }

    @Override
    public void processElement(ShopEvent event, Context ctx, Collector<Incident> out) throws Exception {
        OrderState s = state.value();
        if (s != null && event.eventTime > forgetAt(s)) {
            // Event time says this order was forgotten before this event: first what its timers would have
            // done by then (every deadline it still held), then the expiry. Whether the watermark got there
            // before the event did depends on speed and parallelism; the answer must not.
            forget(ctx.getCurrentKey(), s, ctx.timerService(), out);
            s = null;
        }
        boolean opens = s == null;
        if (s == null) {
            s = new OrderState();
        }
        int inTransit = s.shipmentsInTransit();
        if (!OrderDetector.apply(ctx.getCurrentKey(), s, event, out::collect)) {
            return;
        }
        latestEventTime = Times.max(latestEventTime, event.eventTime);
        schedule(s, ctx.timerService());
        state.update(s);
        if (opens) {
            openOrders.add(1);
        }
        openShipments.change(inTransit, s.shipmentsInTransit());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Incident> out) throws Exception {
        OrderState s = state.value();
        if (s == null) {
            return;
        }
        s.timerAt = Times.NONE;
        int inTransit = s.shipmentsInTransit();
        long watermark = ctx.timerService().currentWatermark();
        long at = OneTimer.evaluateAt(watermark, latestEventTime);
        if (Times.isSet(at)) {
            OrderDetector.onTime(ctx.getCurrentKey(), s, at, grace, out::collect);
        }
        if (OneTimer.isEndOfInput(watermark)) {
            clear(inTransit);
            return;
        }
        // Idle expiry never drops a promise that is still to fall due: a parcel promised in 90
        // days is not forgotten after 60 quiet ones (its own deadline bounds the state instead).
        boolean deadlinePending = Times.isSet(OrderDetector.wakeUpAt(s, grace));
        if ((OrderDetector.isFinished(s, grace) && s.lastEventAt <= watermark)
                || (forgetAt(s) <= watermark && !deadlinePending)) {
            clear(inTransit);
            return;
        }
        schedule(s, ctx.timerService());
        state.update(s);
        openShipments.change(inTransit, s.shipmentsInTransit());
    }

    /** This subtask's open orders, as its gauge reports them. */
    long openOrders() {
        return openOrders.value();
    }

    /** This subtask's parcels in transit, as its gauge reports them. */
    long openShipments() {
        return openShipments.value();
    }

    /** Forgets the current order, and takes it and its parcels still counted in transit off the gauges. */
    private void clear(int inTransit) {
        state.clear();
        openOrders.add(-1);
        openShipments.add(-inTransit);
    }

    /**
     * When an unfinished order is forgotten, from event times alone: {@code idleTtl} after its last event,
     * or after its last deadline if that is later (a parcel promised in 90 days is not forgotten after 60
     * quiet ones), plus {@link #FORGET_MARGIN}. The timer clears it once the watermark is there; an event
     * of it later than that finds it forgotten even if the watermark is not there yet.
     */
    long forgetAt(OrderState s) {
        return Times.max(s.lastEventAt + idleTtlMillis, OrderDetector.lastDeadline(s, grace))
                + FORGET_MARGIN.toMillis();
    }

    private void forget(String orderId, OrderState s, TimerService timers, Collector<Incident> out) {
        int inTransit = s.shipmentsInTransit();
        OrderDetector.onTime(orderId, s, forgetAt(s), grace, out::collect);
        if (Times.isSet(s.timerAt)) {
            timers.deleteEventTimeTimer(s.timerAt);
        }
        clear(inTransit);
    }

    /** Keeps exactly one timer: the next deadline, the clean-up of a finished order, or the idle expiry. */
    private void schedule(OrderState s, TimerService timers) {
        long wake = OrderDetector.wakeUpAt(s, grace);
        long cleanUp = OrderDetector.isFinished(s, wake) ? s.lastEventAt : forgetAt(s);
        // With a deadline pending, wake for it; the idle expiry only counts once none is left.
        wake = Times.isSet(wake) ? wake : cleanUp;
        s.timerAt = OneTimer.reschedule(s.timerAt, wake, timers);
    }
}
