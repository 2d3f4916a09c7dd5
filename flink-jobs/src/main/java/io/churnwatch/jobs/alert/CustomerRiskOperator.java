package io.churnwatch.jobs.alert;

import io.churnwatch.events.ChurnAlert;
import io.churnwatch.flink.metrics.ChurnMetrics;
import io.churnwatch.jobs.detect.Times;
import io.churnwatch.jobs.metrics.DetectionMetrics;
import io.churnwatch.jobs.metrics.EventTimeLag;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.RulesBroadcast;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimeServiceManager;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Risk scoring and the alert lifecycle over {@link CustomerSignal}s keyed by customer_id (input 1), with the
 * rules document broadcast from churn-rules (input 2). Emits a {@code ChurnAlert} per state change (FIRING,
 * a new revision, RESOLVED): a firing alert gets a revision for every instant that brings a customer news
 * (incidents or a changed profile), at most one per instant; alert ids are deterministic, so a re-run writes
 * the same documents. The rules live
 * in {@link CustomerRisk}; this class only moves signals, state and time.
 *
 * <p>Signals wait in a {@link PendingSignals} buffer until the watermark passes them, and are then applied in
 * event-time order, one customer's at an instant together. That makes the alerts independent of the order in
 * which upstream channels happened to deliver (the same at every parallelism and on every run). Cost: an
 * incident raised on an event (not on a deadline timer) reaches the alert one out-of-orderness bound later.
 * The buffer is written into keyed state at each checkpoint (and read back on restore, redistributed by key
 * like all keyed state on a rescale), so no signal is lost; signals that a savepoint of the builds before
 * this operator kept in the keyed function's map state are read from there ({@link #LEGACY_PENDING}).
 *
 * <p>Why an operator and not a {@code KeyedBroadcastProcessFunction}: a function can only wait for the
 * watermark through a timer per customer and instant, and keep what waits in map state; on the TPC-H
 * benchmark that bookkeeping was 40 % of this operator (see docs/performance/NOTES.md).
 *
 * <p>Per customer: the latest profile (kept for as long as the customer exists; it comes from a compacted topic
 * and will not be sent again) and a {@link RiskState} with at most one timer: the instant the open alert decays
 * below the resolve threshold, or the end of the repeat window, when the risk state is cleared. At the end of a
 * recording, a resolve after the last event seen is not emitted. Operational incidents (no customer) must be
 * filtered out before this operator.
 */
public class CustomerRiskOperator extends AbstractStreamOperator<ChurnAlert>
        implements TwoInputStreamOperator<CustomerSignal, String, ChurnAlert>, Triggerable<String, VoidNamespace> {

    public static final String UID = "score-customer-risk";
    public static final String NAME = "Customer risk and alerts";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CustomerRiskOperator.class);
    private static final String SPILLED = "pending-signals";

    /**
     * Where the builds before 1ddb479 (CustomerRiskFunction, a keyed broadcast function with a timer per
     * instant) kept the signals waiting for the watermark, per customer and instant; the name and serializers
     * are that build's, so its savepoints restore. Read once on restore into the buffer, then cleared.
     */
    static final MapStateDescriptor<Long, List<CustomerSignal>> LEGACY_PENDING = new MapStateDescriptor<>(
            "pending", Types.LONG, new ListTypeInfo<>(TypeInformation.of(CustomerSignal.class)));

    private final RulesBroadcast rules;

    private transient ValueState<RiskState> risk;
    private transient ValueState<ProfileSnapshot> profile;
    /** The buffer as of the last checkpoint, per customer; cleared and rewritten at every checkpoint. */
    private transient ListState<CustomerSignal> spilled;

    private transient Set<String> spilledCustomers;
    private transient PendingSignals pending;
    private transient BroadcastState<String, String> rulesState;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient TimestampedCollector<ChurnAlert> out;
    /** The watermark being processed; timers fired on the way to it see it as the current watermark. */
    private transient long advancingTo;
    /** How far the timers have been advanced; never moved backwards. */
    private transient long timersAt;

    private transient long latestEventTime;
    private transient Counter lateSignals;
    private transient EventTimeLag eventTimeLag;

    public CustomerRiskOperator(ChurnRules defaults) {
        this.rules = new RulesBroadcast(defaults);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        rulesState = context.getOperatorStateStore().getBroadcastState(RulesBroadcast.DESCRIPTOR);
        risk = context.getKeyedStateStore()
                .getState(new ValueStateDescriptor<>("risk", TypeInformation.of(RiskState.class)));
        profile = context.getKeyedStateStore()
                .getState(new ValueStateDescriptor<>("profile", TypeInformation.of(ProfileSnapshot.class)));
        spilled = context.getKeyedStateStore()
                .getListState(new ListStateDescriptor<>(SPILLED, TypeInformation.of(CustomerSignal.class)));
        pending = new PendingSignals();
        spilledCustomers = new HashSet<>();
        latestEventTime = Times.NONE;
        advancingTo = Times.NONE;
        timersAt = Times.NONE;
        if (context.isRestored()) {
            List<String> customers;
            KeyedStateBackend<String> backend = getKeyedStateBackend();
            try (var keys = backend.getKeys(SPILLED, VoidNamespace.INSTANCE)) {
                customers = keys.toList();
            }
            for (String customerId : customers) {
                setCurrentKey(customerId);
                for (CustomerSignal signal : spilled.get()) {
                    pending.add(customerId, signal);
                }
                spilledCustomers.add(customerId);
            }
            int legacy = restoreLegacyPending(context, backend);
            LOG.info(
                    "Restored {} customer signals waiting for the watermark ({} of them from an older savepoint's {})",
                    pending.size(),
                    legacy,
                    LEGACY_PENDING.getName());
        }
    }

    /**
     * Moves the signals an older savepoint kept in {@link #LEGACY_PENDING} into the buffer and clears that
     * state, so the next checkpoint holds them in {@link #SPILLED} only. Their old per-instant timers come
     * back too and fire harmlessly: {@link #onEventTime} ignores a timer that is not the risk state's.
     */
    private int restoreLegacyPending(StateInitializationContext context, KeyedStateBackend<String> backend)
            throws Exception {
        MapState<Long, List<CustomerSignal>> legacy =
                context.getKeyedStateStore().getMapState(LEGACY_PENDING);
        List<String> customers;
        try (var keys = backend.getKeys(LEGACY_PENDING.getName(), VoidNamespace.INSTANCE)) {
            customers = keys.toList();
        }
        int restored = 0;
        for (String customerId : customers) {
            setCurrentKey(customerId);
            for (List<CustomerSignal> atOneInstant : legacy.values()) {
                for (CustomerSignal signal : atOneInstant) {
                    pending.add(customerId, signal);
                    restored++;
                }
            }
            legacy.clear();
        }
        return restored;
    }

    @Override
    public void open() throws Exception {
        super.open();
        // Named as the keyed broadcast function's timers were, so timers in an older savepoint still restore.
        timers = getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this);
        out = new TimestampedCollector<>(output);
        MetricGroup metrics = ChurnMetrics.group(getMetricGroup());
        lateSignals = metrics.counter(DetectionMetrics.LATE_SIGNALS);
        eventTimeLag = metrics.gauge(DetectionMetrics.EVENT_TIME_LAG_MS, new EventTimeLag(Clock.systemUTC()));
    }

    @Override
    public void processElement1(StreamRecord<CustomerSignal> element) throws Exception {
        if (pending.add((String) getCurrentKey(), element.getValue()) <= timersAt) {
            // Behind the watermark: applied at the next one, after signals of later instants. Upstream
            // detectors never emit such signals (see DeliveryDeadline); a count above zero means late input.
            lateSignals.inc();
        }
    }

    @Override
    public void processElement2(StreamRecord<String> element) throws Exception {
        rules.update(
                element.getValue(),
                rulesState,
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0,
                (tag, deadLetter) -> output.collect(tag, new StreamRecord<>(deadLetter)));
    }

    /**
     * Applies every signal the watermark passed, instant by instant, with the risk timers of earlier instants
     * fired before them: one customer's signals and timers run in event-time order, as if all were timers.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long watermark = mark.getTimestamp();
        advancingTo = watermark;
        InternalTimeServiceManager<?> timeService = getTimeServiceManager().orElseThrow();
        for (List<PendingSignals.Waiting> due = pending.takeFirstDue(watermark);
                !due.isEmpty();
                due = pending.takeFirstDue(watermark)) {
            long at = due.get(0).at();
            if (at != Long.MIN_VALUE && at - 1 > timersAt) {
                timersAt = at - 1;
                timeService.advanceWatermark(new Watermark(timersAt));
            }
            applyAll(due, at);
        }
        timersAt = Math.max(timersAt, watermark);
        eventTimeLag.onWatermark(watermark);
        super.processWatermark(mark);
    }

    private void applyAll(List<PendingSignals.Waiting> due, long at) throws Exception {
        ChurnRules current = rules.current(rulesState);
        out.setAbsoluteTimestamp(at);
        int i = 0;
        while (i < due.size()) {
            String customerId = due.get(i).customerId();
            setCurrentKey(customerId);
            RiskState s = risk.value();
            ProfileSnapshot p = profile.value();
            ProfileSnapshot before = p;
            boolean profileChanged = false;
            boolean incidents = false;
            for (; i < due.size() && due.get(i).customerId().equals(customerId); i++) {
                CustomerSignal signal = due.get(i).signal();
                if (signal.profile != null) {
                    p = ProfileSnapshot.of(signal.profile);
                    profileChanged = true;
                } else {
                    if (s == null) {
                        s = new RiskState();
                    }
                    latestEventTime = Times.max(
                            latestEventTime, signal.incident.getDetectedAt().toEpochMilli());
                    incidents |= CustomerRisk.addIncident(s, signal.incident, current);
                }
            }
            // One customer's signals at one instant are one piece of news: at most one revision.
            if (s != null && incidents) {
                CustomerRisk.onNews(customerId, s, p, current, this::emit);
            } else if (s != null && profileChanged) {
                CustomerRisk.onProfile(customerId, s, before, p, current, this::emit);
            }
            if (profileChanged) {
                profile.update(p);
            }
            if (s != null) {
                schedule(s, p, current);
                risk.update(s);
            }
        }
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        long timestamp = timer.getTimestamp();
        RiskState s = risk.value();
        if (s == null || s.timerAt != timestamp) {
            return; // a timer of an older savepoint's layout, or one moved since
        }
        s.timerAt = Times.NONE;
        if (advancingTo == Times.END_OF_INPUT && timestamp > latestEventTime) {
            risk.clear(); // beyond the recording: whether it would have resolved is unknown
            return;
        }
        ChurnRules current = rules.current(rulesState);
        ProfileSnapshot p = profile.value();
        out.setAbsoluteTimestamp(timestamp);
        CustomerRisk.onTime(timer.getKey(), s, p, timestamp, current, this::emit);
        if (CustomerRisk.isExpired(s, timestamp, current)) {
            risk.clear();
            return;
        }
        schedule(s, p, current);
        risk.update(s);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
        // No processing-time timers: event time alone drives scoring.
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        for (String customerId : spilledCustomers) {
            setCurrentKey(customerId);
            spilled.clear();
        }
        spilledCustomers.clear();
        for (PendingSignals.Waiting w : pending.all()) {
            setCurrentKey(w.customerId());
            spilled.add(w.signal());
            spilledCustomers.add(w.customerId());
        }
    }

    private void emit(ChurnAlert alert) {
        LOG.debug(
                "Alert {} is {} at {} (revision {})",
                alert.getAlertId(),
                alert.getStatus(),
                alert.getSeverity(),
                alert.getRevision());
        out.collect(alert);
    }

    private void schedule(RiskState s, ProfileSnapshot p, ChurnRules current) {
        long wake = CustomerRisk.wakeUpAt(s, p, current);
        if (wake == s.timerAt) {
            return;
        }
        if (Times.isSet(s.timerAt)) {
            timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, s.timerAt);
        }
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, wake);
        s.timerAt = wake;
    }
}
