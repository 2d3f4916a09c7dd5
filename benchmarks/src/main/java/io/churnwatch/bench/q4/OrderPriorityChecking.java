package io.churnwatch.bench.q4;

import io.trino.tpch.LineItem;
import io.trino.tpch.LineItemGenerator;
import io.trino.tpch.Order;
import io.trino.tpch.OrderGenerator;
import java.util.BitSet;
import java.util.Iterator;

/**
 * TPC-H Q4 two ways. {@link #fromRows} is the query itself over the generator's ORDERS and LINEITEM rows
 * ({@code exists l_commitdate < l_receiptdate}), knowing nothing of ChurnWatch. {@link #fromIncidents}
 * takes the orders ChurnWatch raised a missed-delivery incident for and only looks up their order date
 * and priority. Equal answers mean the job found exactly the late parcels the data holds.
 */
public final class OrderPriorityChecking {

    private OrderPriorityChecking() {}

    public static PriorityCounts fromRows(double scaleFactor) {
        PriorityCounts counts = new PriorityCounts();
        Iterator<LineItem> lines = new LineItemGenerator(scaleFactor, 1, 1).iterator();
        LineItem line = lines.hasNext() ? lines.next() : null;
        for (Order o : new OrderGenerator(scaleFactor, 1, 1)) {
            boolean late = false;
            while (line != null && line.getOrderKey() == o.getOrderKey()) {
                late |= line.getCommitDate() < line.getReceiptDate();
                line = lines.hasNext() ? lines.next() : null;
            }
            if (late) {
                counts.count(o.getOrderDate(), o.getOrderPriority());
            }
        }
        return counts;
    }

    /** @param missedOrders the TPC-H order keys of the orders with at least one missed-delivery incident */
    public static PriorityCounts fromIncidents(double scaleFactor, BitSet missedOrders) {
        PriorityCounts counts = new PriorityCounts();
        for (Order o : new OrderGenerator(scaleFactor, 1, 1)) {
            if (missedOrders.get(Math.toIntExact(o.getOrderKey()))) {
                counts.count(o.getOrderDate(), o.getOrderPriority());
            }
        }
        return counts;
    }
}
