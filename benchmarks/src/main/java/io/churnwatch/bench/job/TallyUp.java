package io.churnwatch.bench.job;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Adds each {@link Tally} to the job's accumulators, which {@code execute()} returns once the job has
 * finished. Why not {@code executeAndCollect}: on a local cluster that shuts down with the job, its fetcher
 * loses whatever the collect sink still buffered at the end ("Failed to get job status ... Some data might
 * be lost"), which for a short job is everything, and the Kafka run reported 0 missed deliveries.
 */
final class TallyUp extends ProcessFunction<Tally, Void> {

    static final String MISSED_ORDERS = "missed-orders";
    static final String MISSED = "missed-deliveries";
    static final String ALERTS = "alerts";
    static final String READ = "records-read";

    private transient OrderKeys missedOrders;
    private transient LongCounter missed;
    private transient LongCounter alerts;
    private transient LongCounter read;

    @Override
    public void open(OpenContext openContext) {
        missedOrders = new OrderKeys();
        missed = new LongCounter();
        alerts = new LongCounter();
        read = new LongCounter();
        getRuntimeContext().addAccumulator(MISSED_ORDERS, missedOrders);
        getRuntimeContext().addAccumulator(MISSED, missed);
        getRuntimeContext().addAccumulator(ALERTS, alerts);
        getRuntimeContext().addAccumulator(READ, read);
    }

    @Override
    public void processElement(Tally t, Context ctx, Collector<Void> out) {
        switch (t.kind) {
            case Tally.ALERT -> alerts.add(1L);
            case Tally.READ -> read.add(t.value);
            default -> {
                missed.add(1L);
                missedOrders.add(t.value);
            }
        }
    }
}
