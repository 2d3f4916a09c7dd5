package io.churnwatch.generator;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Moves generated events into a sink at a pace: the loop behind demos, replays and benchmarks. */
public final class EventPump {

    private static final Logger LOG = LoggerFactory.getLogger(EventPump.class);

    private EventPump() {}

    /**
     * Sends up to {@code maxEvents} events, then flushes the sink (it stays open).
     *
     * @return how many events were sent
     */
    public static long pump(Iterator<GeneratedEvent> events, Pacer pacer, EventSink sink, long maxEvents)
            throws Exception {
        long started = System.nanoTime();
        long sent = 0;
        while (sent < maxEvents && events.hasNext()) {
            GeneratedEvent event = events.next();
            pacer.awaitTurn(event.eventTime());
            sink.accept(event);
            sent++;
        }
        sink.flush();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        LOG.info("Sent {} events in {} ms at pace {}", sent, millis, pacer.pace());
        return sent;
    }

    public static long pump(Iterator<GeneratedEvent> events, Pacer pacer, EventSink sink) throws Exception {
        return pump(events, pacer, sink, Long.MAX_VALUE);
    }
}
