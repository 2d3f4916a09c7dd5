package io.churnwatch.backtest.olist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.churnwatch.backtest.Outcome;
import io.churnwatch.backtest.ReplayOutput;
import io.churnwatch.devstack.KafkaCluster;
import io.churnwatch.devstack.WithDevStack;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.kafka.KafkaConnection;
import io.churnwatch.jobs.replay.KafkaReplay;
import io.churnwatch.jobs.time.Watermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir Path dir;

    @Test
    void jobFindsTheMissedDeadlinesThatTheCsvFilesShow(KafkaCluster kafka) throws Exception {
        Path olist = olistFolder();
        assumeTrue(Files.isDirectory(olist), "no Olist data at " + olist);

        OlistImporter.Result imported = OlistImporter.convert(OlistTables.read(olist));
        Path events = dir.resolve("olist-events.jsonl");
        imported.write(events, dir.resolve("olist-outcomes.jsonl"));
        Map<String, String> props = new HashMap<>(kafka.clientProperties());
        props.remove("bootstrap.servers");
        KafkaReplay.Summary summary = KafkaReplay.run(new KafkaConnection(kafka.bootstrapServers(), props), "olist-it-",
                events, dir.resolve("out"), null, 2, Watermarks.replay(), KafkaReplay.Progress.silent());
        List<Incident> incidents = ReplayOutput.read(dir.resolve("out")).latestIncidents();

        OlistDirectCount.Counts direct = OlistDirectCount.count(olist);
        assertThat(summary.deadLetters()).isZero();
        assertThat(direct.missedShipBy()).isNotEmpty();
        assertThat(direct.uncertain()).as("orders whose deadline falls after the job's idle expiry").hasSizeLessThan(50);
        Set<String> shipBy = orders(incidents, IncidentKind.MISSED_SHIP_BY, null);
        Set<String> late = orders(incidents, IncidentKind.MISSED_DELIVERY, true);
        Set<String> never = orders(incidents, IncidentKind.MISSED_DELIVERY, false);
        assertThat(certain(shipBy, direct)).containsExactlyElementsOf(direct.missedShipBy());
        assertThat(certain(late, direct)).as("delivered late").containsExactlyElementsOf(direct.deliveredLate());
        assertThat(certain(never, direct)).as("never delivered").containsExactlyElementsOf(direct.neverDelivered());
        // The counts equal the direct count once the few orders the idle expiry makes uncertain are set aside.
        assertThat(shipBy.size() - uncertain(shipBy, direct)).isEqualTo(direct.missedShipBy().size());
        assertThat(late.size() + never.size() - uncertain(late, direct) - uncertain(never, direct))
                .isEqualTo(direct.deliveredLate().size() + direct.neverDelivered().size());
        assertThat(summary.wallTime()).as("small enough for CI").isLessThan(Duration.ofMinutes(2));
        assertThat(imported.outcomes()).filteredOn(o -> o.kind().equals(Outcome.BAD_REVIEW)).isNotEmpty();
    }

    private static Set<String> orders(List<Incident> incidents, IncidentKind kind, Boolean settled) {
        return incidents.stream().filter(i -> i.getKind() == kind)
                .filter(i -> settled == null || (i.getSettledAt() != null) == settled)
                .map(Incident::getOrderId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> certain(Set<String> orders, OlistDirectCount.Counts direct) {
        Set<String> kept = new TreeSet<>(orders);
        kept.removeAll(direct.uncertain());
        return kept;
    }

    private static int uncertain(Set<String> orders, OlistDirectCount.Counts direct) {
        return orders.size() - certain(orders, direct).size();
    }

    /** {@code ../shared/data/olist} next to the repository root. */
    static Path olistFolder() {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).toAbsolutePath();
        for (Path p = root; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("data").resolve("olist");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return root.resolveSibling("shared").resolve("data").resolve("olist");
    }
}
