package io.churnwatch.generator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The generator's own ground truth: every promise the generated shop broke, written down when the
 * generator decided it, so tests can hold the detection job against it.
 *
 * <h2>What counts</h2>
 * All times are event times. "At or before" is inclusive everywhere: a parcel delivered exactly at
 * its deadline is on time; a reply exactly at the SLA is within it. A cancelled order's deadline
 * never counts if the CANCELLED event is at or before that deadline (cancelling later does not undo
 * a promise already broken). Duplicated events (same event_id) count once.
 * <ul>
 *   <li><b>MISSED_SHIP_BY</b> (order): no SHIPPED order event and no DISPATCHED scan of the order at
 *       or before PLACED's {@code promised_ship_by}. Broken at the deadline; fulfilled at the first
 *       later SHIPPED/DISPATCHED, if any.
 *   <li><b>MISSED_DELIVERY</b> per parcel (order + shipment): a shipment dispatched at or before its
 *       delivery promise (its own {@code promised_delivery_by} if the scans carry one, else the
 *       order's) has no DELIVERED scan at or before that promise. Broken at the deadline; fulfilled
 *       at the parcel's later DELIVERED, if any.
 *   <li><b>MISSED_DELIVERY</b> per order (shipment null): no shipment of the order was dispatched at
 *       or before the order's {@code promised_delivery_by}. Parcels dispatched after it are covered by
 *       this entry and get none of their own. Fulfilled at the order's first DELIVERED, if any.
 *       (Generated split parcels, which carry their own promise, are always dispatched before it.)
 *   <li><b>DELIVERY_FAILED</b> per parcel: its first FAILED_ATTEMPT, LOST or RETURNED_TO_SENDER scan.
 *       Broken at that scan; the deadline is the parcel's promise; fulfilled at a later DELIVERED.
 *   <li><b>FIRST_REPLY_SLA_BREACHED</b> per ticket: no AGENT_REPLIED at or before OPENED +
 *       {@link SupportSla#firstReply(io.churnwatch.events.TicketPriority)} for the OPENED priority
 *       (a RESOLVED or CLOSED first also stops the clock). Fulfilled at the late first reply.
 *   <li><b>NEXT_REPLY_SLA_BREACHED</b> per customer reply that starts a wait: a CUSTOMER_REPLIED whose
 *       ticket's previous reply was an AGENT_REPLIED starts the clock; the next AGENT_REPLIED, RESOLVED
 *       or CLOSED stops it. Breached if nothing stops it at or before start + {@link SupportSla#nextReply()}.
 *       Fulfilled at the late agent reply.
 *   <li><b>BROKEN_SUPPORT_PROMISE</b> per promise (ticket + promise_id): no PROMISE_KEPT with that
 *       promise_id at or before PROMISE_MADE's {@code due_at}; resolving the ticket does not release
 *       it. Fulfilled at the late PROMISE_KEPT, if any.
 * </ul>
 * Risk signals that break no promise (DELIVERY_AT_RISK, TICKET_REOPENED, CHURN_INTENT, COMPLAINT_SPIKE)
 * are not listed.
 *
 * <h2>Time</h2>
 * A deadline is broken once event time has reached it: {@link #brokenAsOf(Instant)} with a
 * watermark {@code w} lists the entries with {@code brokenAt <= w}, with fulfilments after {@code w}
 * not yet known. A deadline after the last generated event is therefore not broken as of that
 * event; it only counts for a reader whose watermark passes it, such as a bounded replay, which
 * ends with the watermark at +infinity: that is {@link #all()}.
 *
 * <p>The generator plans each order's and ticket's whole life when it starts, so the ledger may
 * already hold entries for events not yet emitted; ask with the watermark you have reached.
 */
public final class BrokenPromiseLedger {

    private final List<BrokenPromise> entries = new ArrayList<>();

    void record(BrokenPromise entry) {
        entries.add(entry);
    }

    /** Every promise broken by the end of time (a bounded replay), sorted by brokenAt. */
    public List<BrokenPromise> all() {
        List<BrokenPromise> sorted = new ArrayList<>(entries);
        Collections.sort(sorted);
        return sorted;
    }

    /** The promises broken as of {@code watermark}, with fulfilments after it not yet known. */
    public List<BrokenPromise> brokenAsOf(Instant watermark) {
        List<BrokenPromise> broken = new ArrayList<>();
        for (BrokenPromise entry : entries) {
            if (!entry.brokenAt().isAfter(watermark)) {
                broken.add(entry.asOf(watermark));
            }
        }
        Collections.sort(broken);
        return broken;
    }

    public int size() {
        return entries.size();
    }
}
