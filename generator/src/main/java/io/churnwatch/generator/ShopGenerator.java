package io.churnwatch.generator;

import io.churnwatch.generator.EventQueue.Action;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A seeded synthetic shop, streamed in event-time order (within {@link GeneratorConfig#outOfOrderBound()}).
 *
 * <p>Nothing is materialised: a priority queue holds only what is already planned and not yet
 * emitted, i.e. the lifecycles of orders and tickets still in flight. Its size depends on the
 * arrival rate and lifecycle length, not on how long the stream runs, plus one pending profile per
 * customer during a profile refresh.
 *
 * <p>Determinism: one master {@link SplittableRandom} from the seed picks arrival times and customers
 * and splits off one generator per order, which plans that order (and its tickets) alone; delays and
 * duplicates use a stream of their own. Same config, same events, byte for byte.
 *
 * <p>Not thread-safe; iterate from one thread.
 */
public final class ShopGenerator implements Iterator<GeneratedEvent> {

    private final GeneratorConfig config;
    private final SplittableRandom arrivals;
    private final Customers customers;
    private final EventQueue queue;
    private final BrokenPromiseLedger ledger = new BrokenPromiseLedger();
    private final TicketPlanner tickets;
    private final OrderPlanner orders;
    private final double meanMillisBetweenOrders;
    private long ordersPlaced;
    private long emitted;
    private Instant lastEventTime;
    private GeneratedEvent next;

    public ShopGenerator(GeneratorConfig config) {
        this.config = config;
        SplittableRandom master = new SplittableRandom(config.seed());
        this.customers = new Customers(config.customers(), config.start(), master.split());
        this.queue = new EventQueue(config.outOfOrderBound().toMillis(), config.duplicateRate(), master.split());
        this.arrivals = master.split();
        this.tickets = new TicketPlanner(config.rates(), config.sla(), queue, ledger);
        this.orders = new OrderPlanner(config, customers, queue, ledger, tickets);
        this.meanMillisBetweenOrders = ShopCalendar.DAY / config.ordersPerDay();

        long start = config.start().toEpochMilli();
        queue.at(start, profileSweep(0, true));
        if (config.totalOrders() > 0) {
            queue.at(start + interArrival(), this::placeOrder);
            queue.at(start + config.profileRefreshInterval().toMillis(), this::refreshProfiles);
        }
    }

    public GeneratorConfig config() {
        return config;
    }

    /** The generator's ground truth of broken promises; grows as orders are planned. */
    public BrokenPromiseLedger ledger() {
        return ledger;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = queue.nextEvent();
        }
        return next != null;
    }

    @Override
    public GeneratedEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the shop has emitted all " + emitted + " events");
        }
        GeneratedEvent event = next;
        next = null;
        emitted++;
        Instant eventTime = event.eventTime();
        if (lastEventTime == null || eventTime.isAfter(lastEventTime)) {
            lastEventTime = eventTime;
        }
        return event;
    }

    /** Streams every remaining event to {@code sink}; returns how many. */
    public long drainTo(EventSink sink) throws Exception {
        long count = 0;
        while (hasNext()) {
            sink.accept(next());
            count++;
        }
        return count;
    }

    public long emitted() {
        return emitted;
    }

    public long ordersPlaced() {
        return ordersPlaced;
    }

    public long ticketsOpened() {
        return tickets.ticketsOpened();
    }

    /** The latest event time emitted so far, or null before the first event. */
    public Instant lastEventTime() {
        return lastEventTime;
    }

    /** Planned but not yet emitted events and actions. */
    public int pending() {
        return queue.size();
    }

    /** The most that was ever pending at once: the generator's memory high-water mark. */
    public int maxPending() {
        return queue.maxSize();
    }

    private void placeOrder(long now) {
        ordersPlaced++;
        int customer = customers.pickOrdering(arrivals);
        orders.plan(ordersPlaced, customer, now, arrivals.split());
        if (ordersPlaced < config.totalOrders()) {
            queue.at(now + interArrival(), this::placeOrder);
        }
    }

    private void refreshProfiles(long now) {
        queue.at(now, profileSweep(0, false));
        if (ordersPlaced < config.totalOrders()) {
            queue.at(now + config.profileRefreshInterval().toMillis(), this::refreshProfiles);
        }
    }

    /**
     * Emits one profile and schedules itself for the next customer at the same instant, so a sweep
     * over a large customer base holds one action in the queue instead of one per customer.
     */
    private Action profileSweep(int from, boolean everyone) {
        return now -> {
            int customer = everyone ? from : customers.takeChanged(from);
            if (customer < 0 || customer >= customers.size()) {
                return;
            }
            queue.emit(customers.profile(customer, now), now);
            queue.at(now, profileSweep(customer + 1, everyone));
        };
    }

    private long interArrival() {
        return Draws.exponential(arrivals, meanMillisBetweenOrders);
    }
}
