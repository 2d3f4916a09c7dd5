package io.churnwatch.bench.tpch;

import io.trino.tpch.Customer;
import io.trino.tpch.CustomerGenerator;
import io.trino.tpch.LineItem;
import io.trino.tpch.LineItemGenerator;
import io.trino.tpch.Order;
import io.trino.tpch.OrderGenerator;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.LongConsumer;

/**
 * The TPC-H order history at one scale factor as ChurnWatch events in event-time order (mapping in
 * {@link TpchMapping}): the customers' profiles first, straight from the generator, then orders and
 * parcels merged from sorted runs ({@link SortedRuns}), so no scale factor is ever held in memory.
 *
 * <p>{@link #prepare} generates and spills once; {@link #events()} can then be read any number of times,
 * and, being serializable, travels into a Flink job as the iterator of an in-memory source.
 */
public final class TpchWorkload implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default run length: about 60 MB of heap while spilling. */
    public static final int DEFAULT_RUN_SIZE = 1_000_000;

    private final double scaleFactor;
    private final long customers;
    private final long orders;
    private final long lineItems;
    private final long lastEventTime;
    private final List<SortedRuns.Run> runs;

    private TpchWorkload(
            double scaleFactor,
            long customers,
            long orders,
            long lineItems,
            long lastEventTime,
            List<SortedRuns.Run> runs) {
        this.scaleFactor = scaleFactor;
        this.customers = customers;
        this.orders = orders;
        this.lineItems = lineItems;
        this.lastEventTime = lastEventTime;
        this.runs = List.copyOf(runs);
    }

    public static TpchWorkload prepare(double scaleFactor, Path workDir) throws IOException {
        return prepare(scaleFactor, workDir, DEFAULT_RUN_SIZE, n -> {});
    }

    /**
     * Generates the orders and line items of {@code scaleFactor} and spills them, sorted, to {@code workDir}.
     *
     * @param progress told the number of events generated so far, now and then
     */
    public static TpchWorkload prepare(double scaleFactor, Path workDir, int runSize, LongConsumer progress)
            throws IOException {
        if (!(scaleFactor > 0)) {
            throw new IllegalArgumentException("scale factor must be positive, got " + scaleFactor);
        }
        Files.createDirectories(workDir);
        long customers = 0;
        for (Customer ignored : new CustomerGenerator(scaleFactor, 1, 1)) {
            customers++;
        }
        OrderAndParcels rows = new OrderAndParcels(scaleFactor, progress);
        List<SortedRuns.Run> runs = SortedRuns.spill(rows, workDir, runSize);
        return new TpchWorkload(scaleFactor, customers, rows.orders, rows.lineItems, rows.lastEventTime, runs);
    }

    public double scaleFactor() {
        return scaleFactor;
    }

    public long customers() {
        return customers;
    }

    public long orders() {
        return orders;
    }

    public long lineItems() {
        return lineItems;
    }

    /** Every event: a profile per customer, a PLACED per order, a DISPATCHED and a DELIVERED per line item. */
    public long eventCount() {
        return customers + orders + 2 * lineItems;
    }

    /** Event time of the last event (epoch millis): where a bounded run's event time ends. */
    public long lastEventTime() {
        return lastEventTime;
    }

    /** A fresh pass over all events in event-time order. Not thread-safe; one reader per iterator. */
    public Events events() {
        return new Events(scaleFactor, runs);
    }

    /** Deletes the spilled runs. */
    public void delete() throws IOException {
        for (SortedRuns.Run run : runs) {
            Files.deleteIfExists(run.file());
        }
    }

    /**
     * Profiles, then the merge. Serializable so that Flink can ship it inside a source; it opens its files
     * on first use, where it runs. Exhausted, it closes them itself.
     */
    public static final class Events implements Iterator<TpchEvent>, Serializable, AutoCloseable {
        private static final long serialVersionUID = 1L;

        private final double scaleFactor;
        private final List<SortedRuns.Run> runs;
        private transient Iterator<Customer> profiles;
        private transient SortedRuns.Merge merge;

        Events(double scaleFactor, List<SortedRuns.Run> runs) {
            this.scaleFactor = scaleFactor;
            this.runs = runs;
        }

        @Override
        public boolean hasNext() {
            if (profiles == null) {
                profiles = new CustomerGenerator(scaleFactor, 1, 1).iterator();
            }
            if (profiles.hasNext()) {
                return true;
            }
            try {
                if (merge == null) {
                    merge = SortedRuns.merge(runs);
                }
                if (merge.hasNext()) {
                    return true;
                }
                merge.close();
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public TpchEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return profiles.hasNext() ? TpchMapping.profile(profiles.next()) : merge.next();
        }

        @Override
        public void close() throws IOException {
            if (merge != null) {
                merge.close();
            }
        }
    }

    /**
     * Orders and their line items in lock step (both generators go in order-key order), so each parcel
     * knows its customer, as compact events in generation order.
     */
    private static final class OrderAndParcels implements Iterator<TpchEvent> {
        private final Iterator<Order> orderRows;
        private final Iterator<LineItem> lineRows;
        private final ArrayDeque<TpchEvent> pending = new ArrayDeque<>();
        private final LongConsumer progress;
        private LineItem nextLine;
        private long generated;
        long orders;
        long lineItems;
        long lastEventTime = Long.MIN_VALUE;

        OrderAndParcels(double scaleFactor, LongConsumer progress) {
            this.orderRows = new OrderGenerator(scaleFactor, 1, 1).iterator();
            this.lineRows = new LineItemGenerator(scaleFactor, 1, 1).iterator();
            this.progress = progress;
            this.nextLine = lineRows.hasNext() ? lineRows.next() : null;
        }

        @Override
        public boolean hasNext() {
            if (pending.isEmpty() && orderRows.hasNext()) {
                Order o = orderRows.next();
                orders++;
                pending.add(TpchMapping.placed(o));
                while (nextLine != null && nextLine.getOrderKey() == o.getOrderKey()) {
                    lineItems++;
                    pending.add(TpchMapping.dispatched(nextLine, o.getCustomerKey()));
                    TpchEvent delivered = TpchMapping.delivered(nextLine, o.getCustomerKey());
                    lastEventTime = Math.max(lastEventTime, delivered.time);
                    pending.add(delivered);
                    nextLine = lineRows.hasNext() ? lineRows.next() : null;
                }
            }
            return !pending.isEmpty();
        }

        @Override
        public TpchEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (++generated % 100_000 == 0) {
                progress.accept(generated);
            }
            return pending.poll();
        }
    }
}
