package io.churnwatch.bench;

import io.churnwatch.bench.tpch.TpchEvent;
import io.churnwatch.bench.tpch.TpchMapping;
import io.churnwatch.bench.tpch.TpchWorkload;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.schemas.avro.AvroCodec;

/**
 * The first ceiling: reading the workload and Avro-encoding every event, in one thread, with nothing
 * else. No job that starts from these events can be faster than this on the same machine.
 */
public final class Ceiling {

    private Ceiling() {}

    /** Events per second; the encoded bytes are summed so the JIT cannot drop the work. */
    public static Rate encode(TpchWorkload workload, Progress progress) throws Exception {
        AvroCodec<OrderEvent> orders = AvroCodec.of(OrderEvent.class);
        AvroCodec<DeliveryEvent> deliveries = AvroCodec.of(DeliveryEvent.class);
        AvroCodec<CustomerProfile> profiles = AvroCodec.of(CustomerProfile.class);
        long started = System.nanoTime();
        long n = 0;
        long bytes = 0;
        try (TpchWorkload.Events events = workload.events()) {
            while (events.hasNext()) {
                TpchEvent e = events.next();
                bytes += switch (e.kind) {
                    case TpchEvent.PROFILE -> profiles.encode(TpchMapping.toProfile(e)).length;
                    case TpchEvent.PLACED -> orders.encode(TpchMapping.toOrder(e)).length;
                    default -> deliveries.encode(TpchMapping.toDelivery(e)).length;
                };
                progress.update(++n);
            }
        }
        return Rate.since(n, bytes, started);
    }
}
