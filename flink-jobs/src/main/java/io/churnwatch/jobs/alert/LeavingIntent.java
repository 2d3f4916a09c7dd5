package io.churnwatch.jobs.alert;

import io.churnwatch.events.IncidentKind;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a customer is leaving: what a playbook's {@code when.churnIntent} means, and what switches an
 * alert at once to the playbook without a save offer.
 *
 * <p>Narrower than the CHURN_INTENT incidents, which still all add risk points: a single cancelled order,
 * refund or return is a customer changing their mind or unhappy with one order, and good retention
 * practice tries to save them. Leaving is what says so explicitly, or a pattern that does:
 *
 * <ul>
 *   <li>a ticket in one of {@code support.churnCategories} (by default {@code cancellation}: the customer
 *       wrote in to cancel or close the account), or
 *   <li>cancellation, refund or return requests on {@value #REPEATED_REQUESTS} or more different orders
 *       within {@code scoring.repeatWindow}.
 * </ul>
 *
 * The event contract has no account-closure event of its own; the ticket category is where the shop's
 * helpdesk says it.
 */
final class LeavingIntent {

    /** Orders with a cancellation, refund or return request within the window that mean "leaving". */
    static final int REPEATED_REQUESTS = 2;

    private LeavingIntent() {}

    /** Whether the churn intent among {@code reasons}, occurred in [{@code from}, {@code to}], says leaving. */
    static boolean shown(ReasonEntry[] reasons, long from, long to) {
        if (reasons == null) {
            return false;
        }
        Set<String> orders = new HashSet<>();
        for (ReasonEntry r : reasons) {
            if (r.kind != IncidentKind.CHURN_INTENT || r.occurredAt < from || r.occurredAt > to) {
                continue;
            }
            if (r.ticketId != null) {
                return true; // only tickets in a churn category raise churn intent
            }
            if (r.orderId != null && orders.add(r.orderId) && orders.size() >= REPEATED_REQUESTS) {
                return true;
            }
        }
        return false;
    }
}
