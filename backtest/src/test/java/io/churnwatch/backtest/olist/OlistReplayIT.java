package io.churnwatch.backtest.olist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.churnwatch.backtest.Outcome;
import io.churnwatch.backtest.ReplayOutput;
import io.churnwatch.devstack.KafkaCluster;
import io.churnwatch.devstack.WithDevStack;
import io.churnwatch.jobs.replay.KafkaReplay;
import io.churnwatch.jobs.time.Watermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Olist history replayed through the real broker and the real job finds exactly the missed
 * deadlines that a direct count over the CSV files finds.
 */
@WithDevStack
class OlistReplayIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    @TempDir
    Path dir;

    @Test
    void jobFindsTheMissedDeadlinesThatTheCsvFilesShow(KafkaCluster kafka) throws Exception {
        Path olist = olistFolder();
        assumeTrue(Files.isDirectory(olist), "no Olist data at " + olist);

        OlistImporter.Result imported = OlistImporter.convert(OlistTables.read(olist));
        Path events = dir.resolve("olist-events.jsonl");
        imported.write(events, dir.resolve("olist-outcomes.jsonl"));
        KafkaReplay.Summary summary = KafkaReplay.run(
                kafka.connection(),
                "olist-it-",
                events,
                dir.resolve("out"),
                null,
                2,
                Watermarks.replay(),
                KafkaReplay.Progress.silent());

        OlistDirectCount.Counts direct = OlistDirectCount.count(olist);
        MissedDeadlines job =
                MissedDeadlines.of(ReplayOutput.read(dir.resolve("out")).latestIncidents());
        MissedDeadlines certain = job.without(direct.uncertain());
        assertThat(summary.deadLetters()).isZero();
        assertThat(direct.missedShipBy()).isNotEmpty();
        assertThat(direct.neverDelivered()).isNotEmpty();
        assertThat(direct.deliveredLate()).isNotEmpty();
        assertThat(direct.uncertain())
                .as("orders whose deadline falls after the job's idle expiry")
                .hasSizeLessThan(50);
        assertThat(certain.shipBy()).as("missed ship-by").containsExactlyInAnyOrderElementsOf(direct.missedShipBy());
        assertThat(certain.deliveredLate())
                .as("delivered late")
                .containsExactlyInAnyOrderElementsOf(direct.deliveredLate());
        assertThat(certain.neverDelivered())
                .as("never delivered")
                .containsExactlyInAnyOrderElementsOf(direct.neverDelivered());
        assertThat(summary.wallTime()).as("small enough for CI").isLessThan(Duration.ofMinutes(2));
        assertThat(imported.outcomes())
                .filteredOn(o -> o.kind().equals(Outcome.BAD_REVIEW))
                .isNotEmpty();
    }

    /** {@code ../shared/data/olist} next to the repository root. */
    static Path olistFolder() {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
                .toAbsolutePath();
        for (Path p = root; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("data").resolve("olist");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return root.resolveSibling("shared").resolve("data").resolve("olist");
    }
}
