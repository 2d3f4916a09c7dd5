package io.churnwatch.bench.latency;

import io.churnwatch.devstack.DevStack;
import io.churnwatch.jobs.AlertSearchFreshness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The live alert latency alone, several times, for {@code java -cp}:
 * {@code AlertLatencyMain [runs] [alert flush ms] [alert refresh ms]} (the last two default to the job's
 * {@link AlertSearchFreshness#defaults()}; {@code 1000 1000} is how the job ran before they existed). Each run gets
 * a fresh {@link DevStack}, so no run reads another's topics or index; one run's tail is noise on 2 shared cores,
 * which is why the figures of several runs are printed side by side and pooled.
 */
public final class AlertLatencyMain {

    private AlertLatencyMain() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        AlertLatency.Options options = AlertLatency.Options.defaults();
        if (args.length > 2) {
            options = options.withEsFreshness(new AlertSearchFreshness(
                    Duration.ofMillis(Long.parseLong(args[1])), Duration.ofMillis(Long.parseLong(args[2]))));
        }
        System.out.printf(
                Locale.ROOT,
                "alert flush %d ms, churn-alerts refresh %d ms%n",
                options.esFreshness().flushInterval().toMillis(),
                options.esFreshness().refreshInterval().toMillis());
        List<Long> kafka = new ArrayList<>();
        List<Long> es = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            LatencyResult r;
            try (DevStack stack = DevStack.start()) {
                r = AlertLatency.measure(stack, options);
            }
            System.out.println(line("run " + run, r.kafkaMillis(), r.elasticsearchMillis(), r.expected()));
            kafka.addAll(r.kafkaMillis());
            es.addAll(r.elasticsearchMillis());
        }
        System.out.println(line(
                "all " + runs,
                kafka.stream().sorted().toList(),
                es.stream().sorted().toList(),
                runs * options.alerts()));
        System.exit(0);
    }

    private static String line(String label, List<Long> kafka, List<Long> es, int expected) {
        return String.format(
                Locale.ROOT,
                "%s: churn-alerts %d/%d p50 %d p99 %d max %d ms; Elasticsearch %d/%d p50 %d p99 %d max %d ms",
                label,
                kafka.size(),
                expected,
                LatencyResult.percentile(kafka, 50),
                LatencyResult.percentile(kafka, 99),
                LatencyResult.max(kafka),
                es.size(),
                expected,
                LatencyResult.percentile(es, 50),
                LatencyResult.percentile(es, 99),
                LatencyResult.max(es));
    }
}
