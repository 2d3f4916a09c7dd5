package io.churnwatch.jobs.detect.trend;

import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.jobs.detect.OneTimer;
import io.churnwatch.jobs.detect.Times;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.RulesBroadcast;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Complaint trends, keyed by ticket category ({@link #categoryOf}), with the rules broadcast from
 * churn-rules. Counts OPENED tickets per category per UTC day; emits COMPLAINT_SPIKE incidents on the main
 * output, the operational alerts on {@link #OPERATIONAL_ALERTS} and every judged day's count on
 * {@link #COMPLAINT_DAYS} (for the weekly complaint review). One timer per category: the end of the
 * oldest open day. At the end of a recording only days that ended by the last event seen are judged, since
 * a partly recorded day says nothing about a spike.
 */
public class ComplaintTrendFunction
        extends KeyedBroadcastProcessFunction<String, SupportTicketEvent, String, Incident> {

    public static final String UID = "detect-complaint-trends";
    public static final String NAME = "Complaint trends";
    public static final OutputTag<ChurnAlert> OPERATIONAL_ALERTS =
            new OutputTag<>("operational-alerts", TypeInformation.of(ChurnAlert.class));
    /** Every judged day of every category, spike or not. A side output: no state of its own, no new uid. */
    public static final OutputTag<ComplaintDay> COMPLAINT_DAYS =
            new OutputTag<>("complaint-days", TypeInformation.of(ComplaintDay.class));

    private final RulesBroadcast rules;
    private transient ValueState<TrendState> state;
    private transient long latestEventTime;

    public ComplaintTrendFunction(ChurnRules defaults) {
        this.rules = new RulesBroadcast(defaults);
    }

    /** The key: the category in lower case, "uncategorised" when the helpdesk sent none. */
    public static String categoryOf(SupportTicketEvent e) {
        return e.getCategory() == null || e.getCategory().isBlank()
                ? "uncategorised"
                : e.getCategory().trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("trend", TypeInformation.of(TrendState.class)));
        latestEventTime = Times.NONE;
    }

    @Override
    public void processElement(SupportTicketEvent event, ReadOnlyContext ctx, Collector<Incident> out)
            throws Exception {
        long at = event.getEventTime().toEpochMilli();
        latestEventTime = Times.max(latestEventTime, at);
        if (event.getType() != TicketEventType.OPENED) {
            return; // the job should filter these out before the shuffle; cheap to ignore here too
        }
        TrendState s = state.value();
        if (s == null) {
            s = new TrendState();
        }
        if (!ComplaintTrend.add(s, event.getTicketId(), at)) {
            return;
        }
        schedule(
                s,
                rules.current(ctx.getBroadcastState(RulesBroadcast.DESCRIPTOR)).complaintTrends(),
                ctx.timerService());
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Incident> out) throws Exception {
        TrendState s = state.value();
        if (s == null) {
            return;
        }
        s.timerAt = Times.NONE;
        ChurnRules.ComplaintTrendRules trends =
                rules.current(ctx.getBroadcastState(RulesBroadcast.DESCRIPTOR)).complaintTrends();
        long watermark = ctx.timerService().currentWatermark();
        long horizon = OneTimer.evaluateAt(watermark, latestEventTime);
        if (Times.isSet(horizon)) {
            ComplaintTrend.judgeUpTo(
                    ctx.getCurrentKey(),
                    s,
                    horizon,
                    trends,
                    out::collect,
                    alert -> ctx.output(OPERATIONAL_ALERTS, alert),
                    day -> ctx.output(COMPLAINT_DAYS, day));
        }
        if (OneTimer.isEndOfInput(watermark) || ComplaintTrend.isExpired(s, watermark, trends)) {
            state.clear();
            return;
        }
        schedule(s, trends, ctx.timerService());
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

    private static void schedule(TrendState s, ChurnRules.ComplaintTrendRules trends, TimerService timers) {
        s.timerAt = OneTimer.reschedule(s.timerAt, ComplaintTrend.wakeUpAt(s, trends), timers);
    }
}
