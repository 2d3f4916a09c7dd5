package io.churnwatch.bench.tpch;

import io.churnwatch.schemas.jsonl.JsonLinesWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** The TPC-H workload as a JSON Lines recording, in event-time order, streamed (never all in memory). */
public final class TpchJsonLines {

    private TpchJsonLines() {}

    /** Writes every event of {@code scaleFactor} to {@code output}; returns how many. */
    public static long write(double scaleFactor, Path output, LongConsumer progress) throws IOException {
        Path spill = Files.createTempDirectory("churnwatch-tpch-");
        TpchWorkload workload = TpchWorkload.prepare(scaleFactor, spill, TpchWorkload.DEFAULT_RUN_SIZE, n -> {});
        long n = 0;
        try (JsonLinesWriter out = JsonLinesWriter.open(output);
                TpchWorkload.Events events = workload.events()) {
            while (events.hasNext()) {
                out.write(TpchMapping.toRecord(events.next()));
                progress.accept(++n);
            }
        } finally {
            workload.delete();
            Files.deleteIfExists(spill);
        }
        return n;
    }
}
