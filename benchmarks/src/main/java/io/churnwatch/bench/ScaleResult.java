package io.churnwatch.bench;

/**
 * Every figure measured at one scale factor. Rates are events per second; a job rate is null when that
 * job was not run.
 */
public record ScaleResult(
        double scaleFactor,
        long events,
        long orders,
        long lineItems,
        Rate generateAndSpill,
        Rate generateAndEncode,
        Rate jobFromMemoryHeap,
        Rate jobFromMemoryRocksDb,
        Rate kafkaProduce,
        Rate kafkaConsumeAndDecode,
        Rate jobFromKafka,
        long peakHeapBytesHeapJob,
        long missedDeliveries,
        long alerts,
        boolean q4Equal,
        java.util.Map<String, Long> q4ValidationQuarter,
        long q4Total) {}
