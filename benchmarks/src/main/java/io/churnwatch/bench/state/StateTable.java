package io.churnwatch.bench.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The report's state table: {@code n} open orders, their shipments (TPC-H's 4 per order) and {@code n} open
 * tickets, on each backend. Rows by kind, then backend.
 */
public final class StateTable {

    private StateTable() {}

    /** @param measured told of each row as soon as it is measured (a million of each takes minutes) */
    public static List<StateRow> measure(long n, List<StateFootprint.Backend> backends, Consumer<StateRow> measured)
            throws Exception {
        List<StateRow> orders = new ArrayList<>();
        List<StateRow> shipments = new ArrayList<>();
        List<StateRow> tickets = new ArrayList<>();
        for (StateFootprint.Backend backend : backends) {
            StateFootprint.Result bare = StateFootprint.openOrders(backend, n);
            orders.add(told(bare.row(), measured));
            // The bare orders are the shipments' baseline too: measured once.
            shipments.add(told(
                    ShipmentFootprint.against(bare, ShipmentFootprint.TPCH_LINE_ITEMS_PER_ORDER)
                            .row(),
                    measured));
            tickets.add(told(TicketFootprint.openTickets(backend, n).row(), measured));
        }
        List<StateRow> rows = new ArrayList<>(orders);
        rows.addAll(shipments);
        rows.addAll(tickets);
        return rows;
    }

    private static StateRow told(StateRow row, Consumer<StateRow> measured) {
        measured.accept(row);
        return row;
    }

    /** One line for a console. */
    public static String describe(StateRow r) {
        return String.format(
                Locale.ROOT,
                "%s: %,d open %s, checkpoint %,d bytes (%.1f bytes each) in %,d ms; load %,d ms",
                r.backend(),
                r.count(),
                r.what(),
                r.checkpointBytes(),
                r.bytesEach(),
                r.checkpointTime().toMillis(),
                r.loadTime().toMillis());
    }

    /** {@code StateTable [n, default 1000000] [HEAP|ROCKSDB, default both]}: the table without the rest of the benchmark. */
    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        List<StateFootprint.Backend> backends = args.length > 1
                ? List.of(StateFootprint.Backend.valueOf(args[1]))
                : Arrays.asList(StateFootprint.Backend.values());
        measure(n, backends, r -> System.out.println(describe(r)));
    }
}
