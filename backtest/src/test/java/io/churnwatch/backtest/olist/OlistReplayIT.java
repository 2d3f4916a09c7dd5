package io.churnwatch.backtest.olist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.churnwatch.backtest.Outcome;
import io.churnwatch.backtest.ReplayOutput;
import io.churnwatch.devstack.KafkaCluster;
import io.churnwatch.devstack.WithDevStack;
import io.churnwatch.jobs.replay.KafkaReplay;
import io.churnwatch.jobs.replay.ReplayJob;
import io.churnwatch.jobs.time.Watermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
        assertThat(summary.deadLetters()).isZero();
        assertThat(direct.missedShipBy()).isNotEmpty();
        assertThat(direct.neverDelivered()).isNotEmpty();
        assertThat(direct.deliveredLate()).isNotEmpty();
        assertThat(direct.forgotten())
                .as("orders whose parcel came after the job had forgotten them")
                .isNotEmpty()
                .hasSizeLessThan(50);
        // Read from Kafka, the orders and the deliveries topics are separate sources, so a parcel's scan can be
        // read before its order's PLACED event; for a forgotten order that decides whether the job knew it
        // was forgotten. Those orders are compared on the single ordered input below, where every order counts.
        MissedDeadlines certain = job.without(direct.forgotten());
        assertThat(certain.shipBy())
                .as("missed ship-by")
                .containsExactlyInAnyOrderElementsOf(minus(direct.missedShipBy(), direct.forgotten()));
        assertThat(certain.deliveredLate())
                .as("delivered late")
                .containsExactlyInAnyOrderElementsOf(direct.deliveredLate());
        assertThat(certain.neverDelivered())
                .as("never delivered")
                .containsExactlyInAnyOrderElementsOf(minus(direct.neverDelivered(), direct.forgotten()));

        // One ordered recording gives the same files at parallelism 1 and 4, and every order as the CSV files do
        ReplayJob.run(events, dir.resolve("p1"), null, 1, Watermarks.replay(), p -> {});
        ReplayJob.run(events, dir.resolve("p4"), null, 4, Watermarks.replay(), p -> {});
        for (String file : List.of(ReplayJob.INCIDENTS_FILE, ReplayJob.ALERTS_FILE)) {
            assertThat(Files.readAllLines(dir.resolve("p4").resolve(file)))
                    .as(file + " at parallelism 4 and 1")
                    .isNotEmpty()
                    .isEqualTo(Files.readAllLines(dir.resolve("p1").resolve(file)));
        }
        MissedDeadlines ordered =
                MissedDeadlines.of(ReplayOutput.read(dir.resolve("p4")).latestIncidents());
        assertThat(ordered.shipBy())
                .as("missed ship-by, every order")
                .containsExactlyInAnyOrderElementsOf(direct.missedShipBy());
        assertThat(ordered.deliveredLate())
                .as("delivered late, every order")
                .containsExactlyInAnyOrderElementsOf(direct.deliveredLate());
        assertThat(ordered.neverDelivered())
                .as("never delivered, every order, the forgotten ones included")
                .containsExactlyInAnyOrderElementsOf(direct.neverDelivered());
        assertThat(summary.wallTime()).as("small enough for CI").isLessThan(Duration.ofMinutes(2));
        assertThat(imported.outcomes())
                .filteredOn(o -> o.kind().equals(Outcome.BAD_REVIEW))
                .isNotEmpty();
    }

    private static Set<String> minus(Set<String> all, Set<String> some) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(some);
        return rest;
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
