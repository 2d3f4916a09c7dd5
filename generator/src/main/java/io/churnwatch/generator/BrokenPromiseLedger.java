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
 * its deadline is on time; a reply exactly at the SLA is within it. An order's deadline never counts
 * if a CANCELLED event of the order is at or before it (cancelling later does not undo a promise
 * already broken). Duplicated events (same event_id) count once. These are the detection job's rules
 * (flink-jobs {@code detect/order} and {@code detect/ticket}); a change to either must change both.
 * <ul>
 *   <li><b>MISSED_SHIP_BY</b> (order): no SHIPPED order event and no carrier scan of the order at or
 *       before PLACED's {@code promised_ship_by}. Broken at the deadline; fulfilled at the first later
 *       SHIPPED or scan, if any.
 *   <li><b>MISSED_DELIVERY</b>, order promise (shipment null): no DELIVERED scan of a parcel without a
 *       promise of its own at or before the order's {@code promised_delivery_by}. Does not apply once a
 *       scan carrying its own {@code promised_delivery_by} (a split parcel) is seen by then. Covers orders
 *       that never ship. Fulfilled at the first later such DELIVERED.
 *   <li><b>MISSED_DELIVERY</b>, parcel promise (order + shipment): a split parcel, whose scans carry
 *       {@code promised_delivery_by}, has no DELIVERED scan at or before it. Fulfilled at its later
 *       DELIVERED. (Generated split parcels are always dispatched before their promise.)
 *   <li><b>DELIVERY_FAILED</b>, one per FAILED_ATTEMPT, LOST or RETURNED_TO_SENDER scan: broken at the
 *       scan; the deadline is the parcel's promise (its own, else the order's); fulfilled at a later
 *       DELIVERED of that parcel, if any.
 *   <li><b>FIRST_REPLY_SLA_BREACHED</b> per ticket: OPENED starts a wait that the first AGENT_REPLIED,
 *       RESOLVED or CLOSED ends; breached if it has not ended at or before OPENED +
 *       {@link SupportSla#firstReply(io.churnwatch.events.TicketPriority)}. Fulfilled at the late reply.
 *   <li><b>NEXT_REPLY_SLA_BREACHED</b> per later wait: a CUSTOMER_REPLIED or REOPENED while nobody is
 *       waiting starts a wait; AGENT_REPLIED, RESOLVED or CLOSED ends it; breached if it has not ended
 *       at or before its start + {@link SupportSla#nextReply(io.churnwatch.events.TicketPriority)}.
 *       Fulfilled at the late agent reply. The ticket's priority is the OPENED one.
 *   <li><b>BROKEN_SUPPORT_PROMISE</b> per promise (ticket + promise_id): no PROMISE_KEPT with that
 *       promise_id at or before PROMISE_MADE's {@code due_at}. RESOLVED does not release it; CLOSED
 *       does, but generated tickets close only after their promises are kept or overdue. Fulfilled at
 *       the late PROMISE_KEPT, if any.
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
