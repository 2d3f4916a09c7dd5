package io.churnwatch.generator;

import static io.churnwatch.generator.Draws.between;
import static io.churnwatch.generator.Draws.scaled;
import static io.churnwatch.generator.ShopCalendar.HOUR;
import static io.churnwatch.generator.ShopCalendar.MINUTE;

import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.Promise;
import io.churnwatch.events.PromiseKind;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.events.TicketPriority;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Plans one support ticket's whole life when it is opened: replies (some too slow for the SLA), an
 * optional customer exchange, an optional promise (kept, kept late or never), resolution, an optional
 * reopening, and closing. Breaches go into the ledger as they are decided.
 */
final class TicketPlanner {

    static final String DELIVERY = "delivery";
    static final String BILLING = "billing";
    static final String PRODUCT = "product";
    static final String CANCELLATION = "cancellation";

    private static final String[] CHANNELS = {"email", "chat", "phone", "web", "review"};
    private static final double[] CHANNEL_SHARE = {0.40, 0.30, 0.15, 0.10, 0.05};
    private static final TicketPriority[] PRIORITIES = TicketPriority.values();
    private static final double[] PRIORITY_SHARE = {0.20, 0.50, 0.22, 0.08};
    /** Promises made exactly at their due time or replies exactly at the SLA exercise the inclusive boundary. */
    private static final double EXACTLY_AT_DEADLINE = 0.01;

    private final Rates rates;
    private final SupportSla sla;
    private final EventQueue out;
    private final BrokenPromiseLedger ledger;
    private long ticketsOpened;

    TicketPlanner(Rates rates, SupportSla sla, EventQueue out, BrokenPromiseLedger ledger) {
        this.rates = rates;
        this.sla = sla;
        this.out = out;
        this.ledger = ledger;
    }

    long ticketsOpened() {
        return ticketsOpened;
    }

    void plan(
            String customerId,
            CustomerTier tier,
            String orderId,
            String category,
            long openedAt,
            SplittableRandom random) {
        Ticket ticket = new Ticket(
                "t-" + (++ticketsOpened),
                customerId,
                orderId,
                category,
                priority(tier, category, random),
                pick(CHANNELS, CHANNEL_SHARE, random));
        ticket.emit(TicketEventType.OPENED, openedAt, null);

        long firstSla = sla.firstReply(ticket.priority).toMillis();
        long firstDeadline = openedAt + firstSla;
        long firstReply = replyTime(openedAt, firstSla, rates.slowFirstReply(), random);
        if (firstReply > firstDeadline) {
            ticket.broke(IncidentKind.FIRST_REPLY_SLA_BREACHED, null, firstDeadline, firstDeadline, firstReply);
            if (random.nextBoolean() && firstReply - firstDeadline > 2 * MINUTE) {
                ticket.emit(
                        TicketEventType.ESCALATED,
                        between(
                                random,
                                firstDeadline + MINUTE,
                                Math.min(firstDeadline + 30 * MINUTE, firstReply - MINUTE)),
                        null);
            }
        }
        ticket.emit(TicketEventType.AGENT_REPLIED, firstReply, null);
        long cursor = firstReply;
        long promiseSettledAt = -1;

        if (random.nextDouble() < rates.promiseMade()) {
            cursor = firstReply + between(random, MINUTE, 5 * MINUTE);
            promiseSettledAt = promise(ticket, cursor, random);
        }
        if (random.nextDouble() < rates.customerReply()) {
            long customerRepliedAt = cursor + between(random, 30 * MINUTE, 24 * HOUR);
            ticket.emit(TicketEventType.CUSTOMER_REPLIED, customerRepliedAt, null);
            cursor = answer(ticket, customerRepliedAt, random);
        }
        long resolvedAt = cursor + between(random, HOUR, 24 * HOUR);
        ticket.emit(TicketEventType.RESOLVED, resolvedAt, null);
        if (random.nextDouble() < rates.reopen()) {
            long reopenedAt = resolvedAt + between(random, 2 * HOUR, 30 * HOUR);
            ticket.emit(TicketEventType.REOPENED, reopenedAt, null);
            ticket.emit(TicketEventType.CUSTOMER_REPLIED, reopenedAt + between(random, MINUTE, 10 * MINUTE), null);
            long answered = answer(ticket, reopenedAt, random);
            resolvedAt = answered + between(random, HOUR, 12 * HOUR);
            ticket.emit(TicketEventType.RESOLVED, resolvedAt, null);
        }
        // Agents close a ticket only once its promise is kept or overdue: closing releases a promise.
        long closedAt = Math.max(
                resolvedAt + between(random, 24 * HOUR, 72 * HOUR),
                promiseSettledAt + between(random, HOUR, 24 * HOUR));
        ticket.emit(TicketEventType.CLOSED, closedAt, null);
    }

    /**
     * The agent answers a customer who has waited since {@code waitingSince} (a CUSTOMER_REPLIED or
     * REOPENED), maybe too late; returns the answer's time.
     */
    private long answer(Ticket ticket, long waitingSince, SplittableRandom random) {
        long nextSla = sla.nextReply(ticket.priority).toMillis();
        long deadline = waitingSince + nextSla;
        // A reopened ticket's customer writes a few minutes after reopening; the answer comes after that.
        long answeredAt =
                Math.max(replyTime(waitingSince, nextSla, rates.slowNextReply(), random), waitingSince + 15 * MINUTE);
        if (answeredAt > deadline) {
            ticket.broke(IncidentKind.NEXT_REPLY_SLA_BREACHED, null, deadline, deadline, answeredAt);
        }
        ticket.emit(TicketEventType.AGENT_REPLIED, answeredAt, null);
        return answeredAt;
    }

    /** Makes a promise at {@code madeAt} and decides if and when it is kept; returns when it is settled (kept or due). */
    private long promise(Ticket ticket, long madeAt, SplittableRandom random) {
        PromiseKind kind = promiseKind(ticket.category, random);
        long dueAt = madeAt + dueIn(kind, random);
        Promise promise = new Promise(ticket.ticketId + "-p1", kind, Instant.ofEpochMilli(dueAt));
        ticket.emit(TicketEventType.PROMISE_MADE, madeAt, promise);
        long keptAt;
        if (random.nextDouble() < rates.promiseBroken()) {
            keptAt = random.nextBoolean() ? dueAt + between(random, HOUR, 48 * HOUR) : -1;
            ticket.broke(IncidentKind.BROKEN_SUPPORT_PROMISE, promise.getPromiseId(), dueAt, dueAt, keptAt);
        } else if (random.nextDouble() < EXACTLY_AT_DEADLINE) {
            keptAt = dueAt;
        } else {
            keptAt = between(random, madeAt + MINUTE, dueAt);
        }
        if (keptAt >= 0) {
            ticket.emit(
                    TicketEventType.PROMISE_KEPT,
                    keptAt,
                    new Promise(promise.getPromiseId(), kind, Instant.ofEpochMilli(dueAt)));
        }
        return keptAt >= 0 ? keptAt : dueAt;
    }

    private static long replyTime(long clockStart, long slaMillis, double slowRate, SplittableRandom random) {
        if (random.nextDouble() < slowRate) {
            return clockStart + slaMillis + Math.max(MINUTE, scaled(random, slaMillis, 0.05, 2.0));
        }
        if (random.nextDouble() < EXACTLY_AT_DEADLINE) {
            return clockStart + slaMillis;
        }
        return clockStart + Math.max(MINUTE, scaled(random, slaMillis, 0.02, 0.95));
    }

    private static TicketPriority priority(CustomerTier tier, String category, SplittableRandom random) {
        int level = pickIndex(PRIORITY_SHARE, random.nextDouble());
        double bump = switch (tier) {
            case PLATINUM -> 0.6;
            case GOLD -> 0.3;
            default -> 0.0;
        };
        if (random.nextDouble() < bump) {
            level++;
        }
        if (CANCELLATION.equals(category)) {
            level++;
        }
        return PRIORITIES[Math.min(level, PRIORITIES.length - 1)];
    }

    private static PromiseKind promiseKind(String category, SplittableRandom random) {
        double u = random.nextDouble();
        return switch (category) {
            case DELIVERY ->
                u < 0.3
                        ? PromiseKind.REPLACEMENT
                        : u < 0.6 ? PromiseKind.REFUND : u < 0.9 ? PromiseKind.CALLBACK : PromiseKind.OTHER;
            case BILLING -> u < 0.6 ? PromiseKind.REFUND : PromiseKind.CALLBACK;
            case PRODUCT -> u < 0.4 ? PromiseKind.FIX : u < 0.8 ? PromiseKind.REPLACEMENT : PromiseKind.CALLBACK;
            default -> u < 0.7 ? PromiseKind.CALLBACK : PromiseKind.REFUND;
        };
    }

    private static long dueIn(PromiseKind kind, SplittableRandom random) {
        return switch (kind) {
            case CALLBACK -> between(random, 2 * HOUR, 8 * HOUR);
            case REFUND -> between(random, 24 * HOUR, 72 * HOUR);
            case REPLACEMENT -> between(random, 48 * HOUR, 96 * HOUR);
            case FIX -> between(random, 24 * HOUR, 120 * HOUR);
            case OTHER -> between(random, 24 * HOUR, 48 * HOUR);
        };
    }

    private static String pick(String[] values, double[] shares, SplittableRandom random) {
        return values[pickIndex(shares, random.nextDouble())];
    }

    static int pickIndex(double[] shares, double u) {
        double cumulative = 0;
        for (int i = 0; i < shares.length - 1; i++) {
            cumulative += shares[i];
            if (u < cumulative) {
                return i;
            }
        }
        return shares.length - 1;
    }

    /** One ticket's fixed attributes and its event counter. */
    private final class Ticket {
        final String ticketId;
        final String customerId;
        final String orderId;
        final String category;
        final TicketPriority priority;
        final String channel;
        int events;

        Ticket(
                String ticketId,
                String customerId,
                String orderId,
                String category,
                TicketPriority priority,
                String channel) {
            this.ticketId = ticketId;
            this.customerId = customerId;
            this.orderId = orderId;
            this.category = category;
            this.priority = priority;
            this.channel = channel;
        }

        void emit(TicketEventType type, long at, Promise promise) {
            out.emit(
                    new SupportTicketEvent(
                            ticketId + "-e" + (++events),
                            ticketId,
                            customerId,
                            orderId,
                            type,
                            Instant.ofEpochMilli(at),
                            priority,
                            category,
                            channel,
                            promise),
                    at);
        }

        void broke(IncidentKind kind, String promiseId, long deadline, long brokenAt, long fulfilledAt) {
            ledger.record(new BrokenPromise(
                    kind,
                    customerId,
                    orderId,
                    null,
                    ticketId,
                    promiseId,
                    Instant.ofEpochMilli(deadline),
                    Instant.ofEpochMilli(brokenAt),
                    fulfilledAt < 0 ? null : Instant.ofEpochMilli(fulfilledAt)));
        }
    }
}
