package io.churnwatch.jobs.detect.ticket;

import io.churnwatch.events.Incident;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.flink.metrics.ChurnMetrics;
import io.churnwatch.jobs.detect.OneTimer;
import io.churnwatch.jobs.detect.Times;
import io.churnwatch.jobs.metrics.DetectionMetrics;
import io.churnwatch.jobs.metrics.OpenCount;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.RulesBroadcast;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The support detectors' Flink shell, keyed by ticket_id, with the rules broadcast from churn-rules: reply
 * SLAs, reopened tickets, broken support promises and cancellation-category churn intent.
 *
 * <p>State per open ticket: one {@link TicketState} and at most one timer (the earliest of the next
 * buffered event and the next deadline). Cleared when the ticket is CLOSED, else after {@code idleTtl} of
 * event time without events. Each subtask counts the tickets it stores and clears for the open-tickets gauge,
 * in operator state so that a restore resumes it ({@link OpenCount}). At the end of a recording (watermark Long.MAX_VALUE) only deadlines up to
 * the last event seen are judged. A rule update that shortens an SLA applies from a ticket's next timer.
 */
public class TicketSlaFunction extends KeyedBroadcastProcessFunction<String, SupportTicketEvent, String, Incident>
        implements CheckpointedFunction {

    public static final String UID = "detect-ticket-sla";
    public static final String NAME = "Ticket SLAs and promises";
    public static final Duration DEFAULT_IDLE_TTL = Duration.ofDays(30);

    private final RulesBroadcast rules;
    private final long idleTtlMillis;
    private transient ValueState<TicketState> state;
    private transient long latestEventTime;
    /** The open-tickets gauge, kept in operator state (see {@link OpenCount}). */
    private transient OpenCount openTickets;

    private transient ListState<Long> openTicketsState;

    public TicketSlaFunction(ChurnRules defaults) {
        this(defaults, DEFAULT_IDLE_TTL);
    }

    public TicketSlaFunction(ChurnRules defaults, Duration idleTtl) {
        this.rules = new RulesBroadcast(defaults);
        this.idleTtlMillis = idleTtl.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("ticket", TypeInformation.of(TicketState.class)));
        latestEventTime = Times.NONE;
        ChurnMetrics.group(getRuntimeContext().getMetricGroup()).gauge(DetectionMetrics.OPEN_TICKETS, openTickets);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        openTicketsState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>(DetectionMetrics.OPEN_TICKETS, Types.LONG));
        openTickets = new OpenCount();
        openTickets.restore(openTicketsState.get());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        openTicketsState.update(List.of(openTickets.value()));
    }

    @Override
    public void processElement(SupportTicketEvent event, ReadOnlyContext ctx, Collector<Incident> out)
            throws Exception {
        TicketState s = state.value();
        boolean opens = s == null;
        if (s == null) {
            s = new TicketState();
        }
        if (!TicketDetector.accept(s, TicketStep.of(event))) {
            return;
        }
        latestEventTime = Times.max(latestEventTime, s.lastEventAt);
        schedule(s, rules.current(ctx.getBroadcastState(RulesBroadcast.DESCRIPTOR)), ctx.timerService());
        state.update(s);
        if (opens) {
            openTickets.add(1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Incident> out) throws Exception {
        TicketState s = state.value();
        if (s == null) {
            return;
        }
        s.timerAt = Times.NONE;
        ChurnRules current = rules.current(ctx.getBroadcastState(RulesBroadcast.DESCRIPTOR));
        String ticketId = ctx.getCurrentKey();
        long watermark = ctx.timerService().currentWatermark();
        long at = OneTimer.evaluateAt(watermark, latestEventTime);
        if (Times.isSet(at)) {
            TicketDetector.advance(
                    ticketId, s, at, current.support(), current.grace().supportPromiseMs(), out::collect);
        }
        if (OneTimer.isEndOfInput(watermark)
                || TicketDetector.isFinished(s)
                || s.lastEventAt + idleTtlMillis <= watermark) {
            state.clear();
            openTickets.add(-1);
            return;
        }
        schedule(s, current, ctx.timerService());
        state.update(s);
    }

    @Override
    public void processBroadcastElement(String document, Context ctx, Collector<Incident> out) throws Exception {
        rules.update(
                document,
                ctx.getBroadcastState(RulesBroadcast.DESCRIPTOR),
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0,
                ctx::output);
    }

    private void schedule(TicketState s, ChurnRules current, TimerService timers) {
        long wake = Times.min(
                TicketDetector.wakeUpAt(s, current.support(), current.grace().supportPromiseMs()),
                s.lastEventAt + idleTtlMillis);
        s.timerAt = OneTimer.reschedule(s.timerAt, wake, timers);
    }
}
