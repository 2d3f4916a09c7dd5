package io.churnwatch.jobs.detect.ticket;

import io.churnwatch.events.Incident;
import io.churnwatch.jobs.detect.SeenEvents;
import io.churnwatch.jobs.detect.Times;
import io.churnwatch.jobs.rules.ChurnRules.SupportRules;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The support rules over one ticket, in plain Java.
 *
 * <p>Reply SLAs depend on the order of events (a reply answers the customer message before it, not after),
 * so events are buffered and applied in event-time order once the watermark passes them, interleaved
 * with the deadlines they race against: out of order within the bound gives the same result as in order.
 * The price is that ticket incidents appear one out-of-orderness bound after their event.
 *
 * <p>Trade-off: CLOSED drops open promises with the ticket (an agent closes a ticket once its promises are
 * settled); RESOLVED only stops the reply clock, as customers may still reply or reopen.
 */
public final class TicketDetector {

    /** Bounded: promises beyond this many open on one ticket are not tracked. */
    static final int MAX_PROMISES = 8;

    private TicketDetector() {}

    /** Buffers a new event; false for a duplicate. */
    public static boolean accept(TicketState s, TicketStep step) {
        long[] seen = SeenEvents.addIfNew(s.seen, step.eventId);
        if (seen == null) {
            return false;
        }
        s.seen = seen;
        s.lastEventAt = Times.max(s.lastEventAt, step.at);
        int n = s.pending == null ? 0 : s.pending.length;
        TicketStep[] grown = n == 0 ? new TicketStep[1] : Arrays.copyOf(s.pending, n + 1);
        int i = n;
        while (i > 0 && step.before(grown[i - 1])) {
            grown[i] = grown[i - 1];
            i--;
        }
        grown[i] = step;
        s.pending = grown;
        return true;
    }

    /** Applies buffered events and deadlines in event-time order up to {@code horizon}. */
    public static void advance(
            String ticketId, TicketState s, long horizon, SupportRules rules, Consumer<Incident> out) {
        advance(ticketId, s, horizon, rules, 0, out);
    }

    /**
     * As {@link #advance(String, TicketState, long, SupportRules, Consumer)}, a support promise kept no later
     * than {@code promiseGraceMs} after its due time counting as kept.
     */
    public static void advance(
            String ticketId,
            TicketState s,
            long horizon,
            SupportRules rules,
            long promiseGraceMs,
            Consumer<Incident> out) {
        while (true) {
            TicketStep next = s.pending == null ? null : s.pending[0];
            long deadline = nextDeadline(s, rules, promiseGraceMs);
            // An event at the deadline itself comes first: a reply exactly on time is in time.
            if (next != null && next.at <= horizon && (!Times.isSet(deadline) || next.at <= deadline)) {
                s.pending = s.pending.length == 1 ? null : Arrays.copyOfRange(s.pending, 1, s.pending.length);
                apply(ticketId, s, next, rules, promiseGraceMs, out);
            } else if (Times.isSet(deadline) && deadline <= horizon) {
                raiseDue(ticketId, s, deadline, rules, promiseGraceMs, out);
            } else {
                return;
            }
        }
    }

    /** The next event time at which this ticket needs looking at, or NONE. */
    public static long wakeUpAt(TicketState s, SupportRules rules) {
        return wakeUpAt(s, rules, 0);
    }

    /** As {@link #wakeUpAt(TicketState, SupportRules)}, with {@code promiseGraceMs} of grace on promises. */
    public static long wakeUpAt(TicketState s, SupportRules rules, long promiseGraceMs) {
        long next = nextDeadline(s, rules, promiseGraceMs);
        if (s.pending != null) {
            next = Times.min(next, s.pending[0].at);
        }
        return next;
    }

    /** Closed with nothing pending: the state can go. */
    public static boolean isFinished(TicketState s) {
        return s.closed && s.pending == null;
    }

    private static long nextDeadline(TicketState s, SupportRules rules, long promiseGraceMs) {
        long next = ReplySla.deadline(s, rules);
        if (s.promises != null) {
            for (SupportPromise p : s.promises) {
                next = Times.min(next, SupportPromiseDeadline.deadline(p, promiseGraceMs));
            }
        }
        return next;
    }

    private static void raiseDue(
            String ticketId,
            TicketState s,
            long deadline,
            SupportRules rules,
            long promiseGraceMs,
            Consumer<Incident> out) {
        if (ReplySla.deadline(s, rules) == deadline) {
            out.accept(ReplySla.breach(ticketId, s, rules));
            s.waitingRaised = true;
        }
        if (s.promises != null) {
            for (SupportPromise p : s.promises) {
                if (SupportPromiseDeadline.deadline(p, promiseGraceMs) == deadline) {
                    out.accept(SupportPromiseDeadline.broken(ticketId, s, p, promiseGraceMs));
                    p.brokenRaised = true;
                }
            }
        }
    }

    private static void apply(
            String ticketId,
            TicketState s,
            TicketStep step,
            SupportRules rules,
            long promiseGraceMs,
            Consumer<Incident> out) {
        if (s.customerId == null) {
            s.customerId = step.customerId;
        }
        if (step.orderId != null) {
            s.orderId = step.orderId;
        }
        if (step.priority != null) {
            s.priority = step.priority;
        }
        if (step.category != null) {
            s.category = step.category;
        }
        if (!s.churnRaised && rules.isChurnCategory(s.category)) {
            s.churnRaised = true;
            out.accept(TicketSignals.churnIntent(ticketId, s, step));
        }
        switch (step.type) {
            case OPENED -> {
                if (!s.openedSeen) {
                    s.openedSeen = true;
                    startWaiting(s, step, true);
                }
            }
            case CUSTOMER_REPLIED -> {
                s.closed = false; // a customer writing on a closed ticket has reopened the conversation
                if (!s.isWaiting()) {
                    startWaiting(s, step, false);
                }
            }
            case AGENT_REPLIED, RESOLVED -> stopWaiting(s);
            case REOPENED -> {
                s.closed = false;
                out.accept(TicketSignals.reopened(ticketId, s, step));
                if (!s.isWaiting()) {
                    startWaiting(s, step, false);
                }
            }
            case PROMISE_MADE -> {
                if (step.promiseId != null && Times.isSet(step.promiseDue) && s.promise(step.promiseId) == null) {
                    addPromise(s, step);
                }
            }
            case PROMISE_KEPT -> {
                SupportPromise p = s.promise(step.promiseId);
                if (p != null && !Times.isSet(p.keptAt)) {
                    p.keptAt = step.at;
                    p.keptEventId = step.eventId;
                    if (p.brokenRaised) {
                        out.accept(SupportPromiseDeadline.keptLate(ticketId, s, p, promiseGraceMs));
                    }
                }
            }
            case CLOSED -> {
                stopWaiting(s);
                s.promises = null;
                s.closed = true;
            }
            default -> {
                // ESCALATED changes only the priority, applied above.
            }
        }
    }

    private static void startWaiting(TicketState s, TicketStep step, boolean first) {
        s.waitingSince = step.at;
        s.waitingEventId = step.eventId;
        s.waitingFirst = first;
        s.waitingRaised = false;
    }

    private static void stopWaiting(TicketState s) {
        s.waitingSince = Times.NONE;
        s.waitingEventId = null;
        s.waitingRaised = false;
    }

    private static void addPromise(TicketState s, TicketStep step) {
        int n = s.promises == null ? 0 : s.promises.length;
        if (n >= MAX_PROMISES) {
            return;
        }
        SupportPromise p = new SupportPromise();
        p.promiseId = step.promiseId;
        p.kind = step.promiseKind;
        p.due = step.promiseDue;
        p.madeEventId = step.eventId;
        p.madeAt = step.at;
        s.promises = n == 0 ? new SupportPromise[] {p} : Arrays.copyOf(s.promises, n + 1);
        s.promises[n] = p;
    }
}
