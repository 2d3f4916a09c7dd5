package io.churnwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhSectionTest {

    @Test
    void reportsEachBenchmarkOfJmhsJsonWithItsScoreAndError(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("jmh.json");
        Files.writeString(results, """
                [{"benchmark":"io.churnwatch.bench.jmh.AvroCodecBenchmark.decodeOrder","mode":"avgt",
                  "primaryMetric":{"score":371.5,"scoreError":20.4,"scoreUnit":"ns/op"}}]
                """);
        StringBuilder md = new StringBuilder();

        PerformanceReport.jmhSection(md, results);

        assertThat(md.toString())
                .contains("| `AvroCodecBenchmark.decodeOrder` | Avro decode of one PLACED order "
                        + "(`AvroCodec.decode`) | 372 ns/op | ± 20 |");
    }

    @Test
    void saysNotRunWithoutResults(@TempDir Path dir) throws Exception {
        StringBuilder md = new StringBuilder();

        PerformanceReport.jmhSection(md, dir.resolve("jmh.json"));

        assertThat(md.toString()).contains("Not run yet.").contains("org.openjdk.jmh.Main");
    }
}
