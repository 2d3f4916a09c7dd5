package io.churnwatch.jobs.detect.trend;

import io.churnwatch.events.AlertReason;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.SaveAction;
import io.churnwatch.jobs.detect.IncidentIds;
import io.churnwatch.jobs.detect.SeenEvents;
import io.churnwatch.jobs.detect.Times;
import io.churnwatch.jobs.rules.ChurnRules.ComplaintTrendRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Daily complaint counts of one category against their trailing baseline, in plain Java. A day is judged
 * once the watermark passes its end (UTC), so tickets out of order within the bound still count for their
 * own day; a ticket for a day already judged is late and ignored. A spike raises a COMPLAINT_SPIKE
 * incident (no customer) and an OPERATIONAL alert, which resolves on the first judged day that is not a
 * spike.
 */
public final class ComplaintTrend {

    static final long DAY = 86_400_000L;

    private ComplaintTrend() {}

    public static long dayOf(long millis) {
        return Math.floorDiv(millis, DAY);
    }

    /** The last millisecond of {@code day}: once the watermark is there, the day is complete. */
    public static long endOf(long day) {
        return (day + 1) * DAY - 1;
    }

    /** Counts a newly opened ticket; false for a duplicate or a ticket of a day already judged. */
    public static boolean add(TrendState s, String ticketId, long at) {
        long day = dayOf(at);
        if (Times.isSet(s.lastJudgedDay) && day <= s.lastJudgedDay) {
            return false;
        }
        if (isNew(s)) {
            s.watchedSince = day;
        }
        DayBucket bucket = bucket(s, day);
        long hash = SeenEvents.hash(ticketId);
        long[] tickets = bucket.tickets == null ? new long[0] : bucket.tickets;
        int at0 = Arrays.binarySearch(tickets, hash);
        if (at0 >= 0) {
            return false;
        }
        int insert = -at0 - 1;
        long[] grown = new long[tickets.length + 1];
        System.arraycopy(tickets, 0, grown, 0, insert);
        grown[insert] = hash;
        System.arraycopy(tickets, insert, grown, insert + 1, tickets.length - insert);
        bucket.tickets = grown;
        bucket.count++;
        return true;
    }

    /** Judges every day that ends at or before {@code horizon}, oldest first. */
    public static void judgeUpTo(
            String category,
            TrendState s,
            long horizon,
            ComplaintTrendRules rules,
            Consumer<Incident> incidents,
            Consumer<ChurnAlert> alerts) {
        judgeUpTo(category, s, horizon, rules, incidents, alerts, day -> {});
    }

    /** Judges every day that ends at or before {@code horizon}, oldest first, and reports each judged day. */
    public static void judgeUpTo(
            String category,
            TrendState s,
            long horizon,
            ComplaintTrendRules rules,
            Consumer<Incident> incidents,
            Consumer<ChurnAlert> alerts,
            Consumer<ComplaintDay> days) {
        while (true) {
            long next = nextDayToJudge(s);
            if (!Times.isSet(next) || endOf(next) > horizon) {
                return;
            }
            days.accept(judge(category, s, next, rules, incidents, alerts));
        }
    }

    public static long wakeUpAt(TrendState s, ComplaintTrendRules rules) {
        long next = nextDayToJudge(s);
        return Times.isSet(next) ? endOf(next) : expiresAt(s, rules);
    }

    /** Nothing open and the baseline window holds no tickets any more: the state can go. */
    public static boolean isExpired(TrendState s, long horizon, ComplaintTrendRules rules) {
        return !Times.isSet(nextDayToJudge(s)) && expiresAt(s, rules) <= horizon;
    }

    private static long expiresAt(TrendState s, ComplaintTrendRules rules) {
        long last = s.historyDays == null || s.historyDays.length == 0
                ? s.lastJudgedDay
                : s.historyDays[s.historyDays.length - 1];
        return Times.isSet(last) ? endOf(last + rules.baselineDays()) : Times.NONE;
    }

    private static boolean isNew(TrendState s) {
        return !Times.isSet(s.watchedSince)
                && !Times.isSet(s.lastJudgedDay)
                && s.open == null
                && (s.historyDays == null || s.historyDays.length == 0);
    }

    /** A category may spike only once it has been watched for the warm-up: a baseline of three days is no baseline. */
    static boolean warmedUp(TrendState s, long day, ComplaintTrendRules rules) {
        return !Times.isSet(s.watchedSince) || day - s.watchedSince >= rules.warmUp();
    }

    private static long nextDayToJudge(TrendState s) {
        long next = Times.NONE;
        if (s.open != null) {
            for (DayBucket b : s.open) {
                next = Times.min(next, b.day);
            }
        }
        if (Times.isSet(s.spikeSince)) {
            // An open spike needs tomorrow judged even if tomorrow is quiet, or it would never resolve.
            next = Times.min(next, s.lastJudgedDay + 1);
        }
        return next;
    }

    private static ComplaintDay judge(
            String category,
            TrendState s,
            long day,
            ComplaintTrendRules rules,
            Consumer<Incident> incidents,
            Consumer<ChurnAlert> alerts) {
        int count = take(s, day);
        double baseline = baseline(s, day, rules.baselineDays());
        remember(s, day, count, rules.baselineDays());
        s.lastJudgedDay = day;
        long at = endOf(day);
        boolean warmedUp = warmedUp(s, day, rules);
        if (warmedUp && ComplaintSpike.isSpike(count, baseline, rules)) {
            double severity = ComplaintSpike.severity(count, baseline, rules);
            Incident incident = incident(category, day, count, baseline, severity, rules);
            incidents.accept(incident);
            if (!Times.isSet(s.spikeSince)) {
                s.spikeSince = day;
                s.spikeIncidentId = incident.getIncidentId();
                s.spikeSeverity = severity >= 2.0 ? AlertSeverity.HIGH : AlertSeverity.MEDIUM;
                alerts.accept(
                        alert(category, s, AlertStatus.FIRING, at, severity, List.of(reason(incident)), 0, rules));
            }
            return new ComplaintDay(
                    category, day, count, baseline, rules.baselineDays(), true, true, incident.getIncidentId());
        }
        if (Times.isSet(s.spikeSince)) {
            alerts.accept(alert(
                    category,
                    s,
                    AlertStatus.RESOLVED,
                    at,
                    ComplaintSpike.severity(count, baseline, rules),
                    List.of(),
                    1,
                    rules));
            s.spikeSince = Times.NONE;
            s.spikeIncidentId = null;
            s.spikeSeverity = null;
        }
        return new ComplaintDay(category, day, count, baseline, rules.baselineDays(), warmedUp, false, null);
    }

    private static Incident incident(
            String category, long day, int count, double baseline, double severity, ComplaintTrendRules rules) {
        String date = LocalDate.ofEpochDay(day).toString();
        String base = String.format(Locale.ROOT, "%.1f", baseline);
        return Incident.newBuilder()
                .setIncidentId(IncidentIds.of(IncidentKind.COMPLAINT_SPIKE, category, date))
                .setKind(IncidentKind.COMPLAINT_SPIKE)
                .setDetectedAt(Times.instant(endOf(day)))
                .setSeverity(severity)
                .setAttributes(Map.of(
                        "category",
                        category,
                        "day",
                        date,
                        "tickets",
                        Integer.toString(count),
                        "baseline_per_day",
                        base,
                        "baseline_days",
                        Integer.toString(rules.baselineDays())))
                .setSummary(count + " new " + category + " tickets on " + date + ", against a " + rules.baselineDays()
                        + "-day baseline of " + base + " a day")
                .build();
    }

    private static AlertReason reason(Incident i) {
        return AlertReason.newBuilder()
                .setIncidentId(i.getIncidentId())
                .setKind(i.getKind())
                .setSummary(i.getSummary())
                .setContribution(i.getSeverity())
                .setOccurredAt(i.getDetectedAt())
                .build();
    }

    private static ChurnAlert alert(
            String category,
            TrendState s,
            AlertStatus status,
            long at,
            double ratio,
            List<AlertReason> reasons,
            int revision,
            ComplaintTrendRules rules) {
        double rounded = Math.round(ratio * 100.0) / 100.0;
        return ChurnAlert.newBuilder()
                .setAlertId("operational:complaint-spike:" + category + ":" + LocalDate.ofEpochDay(s.spikeSince))
                .setScope(AlertScope.OPERATIONAL)
                .setRiskScore(rounded)
                .setPriorityScore(rounded)
                .setSeverity(s.spikeSeverity)
                .setStatus(status)
                .setReasons(reasons)
                .setFirstSeen(Times.instant(endOf(s.spikeSince)))
                .setLastSeen(Times.instant(at))
                .setRevision(revision)
                .setSaveAction(status == AlertStatus.FIRING ? investigation(category, rules) : null)
                .build();
    }

    /** What a spike asks of its owner: find the common cause and get it fixed where it starts. */
    static SaveAction investigation(String category, ComplaintTrendRules rules) {
        return SaveAction.newBuilder()
                .setPlaybook("complaint-spike")
                .setSummary("Find out why " + category + " complaints jumped and get the cause fixed at its source.")
                .setOwner(rules.owner())
                .setSteps(List.of(
                        "Read a sample of the day's " + category + " tickets and name what they have in common.",
                        "Tell the team that owns the cause (carrier, warehouse, product or billing) and agree a fix"
                                + " and a date.",
                        "Give the support agents a line to use until it is fixed.",
                        "Report the cause and the fix in the weekly complaint review."))
                .build();
    }

    private static DayBucket bucket(TrendState s, long day) {
        if (s.open != null) {
            for (DayBucket b : s.open) {
                if (b.day == day) {
                    return b;
                }
            }
        }
        DayBucket b = new DayBucket();
        b.day = day;
        s.open = s.open == null ? new DayBucket[] {b} : Arrays.copyOf(s.open, s.open.length + 1);
        s.open[s.open.length - 1] = b;
        return b;
    }

    private static int take(TrendState s, long day) {
        if (s.open == null) {
            return 0;
        }
        int count = 0;
        List<DayBucket> rest = new ArrayList<>(s.open.length);
        for (DayBucket b : s.open) {
            if (b.day == day) {
                count = b.count;
            } else {
                rest.add(b);
            }
        }
        s.open = rest.isEmpty() ? null : rest.toArray(new DayBucket[0]);
        return count;
    }

    private static double baseline(TrendState s, long day, int baselineDays) {
        long sum = 0;
        if (s.historyDays != null) {
            for (int i = 0; i < s.historyDays.length; i++) {
                if (s.historyDays[i] >= day - baselineDays && s.historyDays[i] < day) {
                    sum += s.historyCounts[i];
                }
            }
        }
        return (double) sum / baselineDays;
    }

    /** Keeps only days still inside the next day's baseline window, and only days with tickets. */
    private static void remember(TrendState s, long day, int count, int baselineDays) {
        List<long[]> kept = new ArrayList<>();
        if (s.historyDays != null) {
            for (int i = 0; i < s.historyDays.length; i++) {
                if (s.historyDays[i] > day - baselineDays) {
                    kept.add(new long[] {s.historyDays[i], s.historyCounts[i]});
                }
            }
        }
        if (count > 0) {
            kept.add(new long[] {day, count});
        }
        s.historyDays = new long[kept.size()];
        s.historyCounts = new int[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            s.historyDays[i] = kept.get(i)[0];
            s.historyCounts[i] = (int) kept.get(i)[1];
        }
    }
}
