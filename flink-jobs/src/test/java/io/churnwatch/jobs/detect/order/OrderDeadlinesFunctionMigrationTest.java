package io.churnwatch.jobs.detect.order;

import static io.churnwatch.jobs.detect.order.OrderFixtures.DELIVER_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.PLACED_AT;
import static io.churnwatch.jobs.detect.order.OrderFixtures.SHIP_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.flink.job.SavepointResources;
import io.churnwatch.flink.job.SavepointResources.Backend;
import io.churnwatch.jobs.rules.ChurnRules.Grace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Savepoints of the order detector ({@link OrderDeadlinesFunction}, uid {@value OrderDeadlinesFunction#UID})
 * restore into this build, and a deadline set before the savepoint fires after the restore when the
 * watermark passes it, as in a run that never stopped.
 *
 * <p>The savepoints live in {@code src/test/resources/savepoints/<version>/<backend>/order-deadlines};
 * see flink-jobs/README.md, State compatibility, for how they are written and when a version is added.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // with the write property, write before restoring
class OrderDeadlinesFunctionMigrationTest {

    /** The state format this build writes. */
    static final String CURRENT = "0.1.0";

    /** Every format kept as a committed savepoint, oldest first. 0.1.0: OrderState as a Flink POJO. */
    static final List<String> VERSIONS = List.of("0.1.0");

    private static final String SAVEPOINT = "order-deadlines";
    private static final Instant SAVEPOINT_AT = PLACED_AT.plus(Duration.ofHours(1));

    static Stream<Arguments> savepoints() {
        return SavepointResources.everyBackendOf(VERSIONS).stream();
    }

    @Test
    @Order(1)
    @EnabledIfSystemProperty(named = SavepointResources.WRITE_PROPERTY, matches = "true")
    void writeTheCurrentVersionsSavepoints() throws Exception {
        for (Backend backend : Backend.values()) {
            var harness = harness(backend);
            harness.open();
            runUntilTheSavepoint(harness);
            SavepointResources.write(harness, CURRENT, backend, SAVEPOINT);
            harness.close();
        }
    }

    @Order(2)
    @ParameterizedTest(name = "{0} written on {1}, restored into {2}")
    @MethodSource("savepoints")
    void aDeadlineSetBeforeTheSavepointFiresWhenTheWatermarkPassesIt(
            String version, Backend writtenOn, Backend restoredInto) throws Exception {
        var restored = harness(restoredInto);
        restored.initializeState(SavepointResources.read(version, writtenOn, SAVEPOINT));
        restored.open();
        assertThat(restored.numEventTimeTimers())
                .as("the ship-by timer came back")
                .isEqualTo(1);

        restored.processWatermark(SHIP_BY.minusMillis(1).toEpochMilli());
        assertThat(restored.extractOutputValues()).as("not before the deadline").isEmpty();
        List<Incident> afterRestore = runFromTheSavepoint(restored);
        restored.close();

        assertThat(afterRestore)
                .extracting(Incident::getKind, Incident::getOrderId, Incident::getDetectedAt)
                .containsExactly(
                        tuple(IncidentKind.MISSED_SHIP_BY, "o-1", SHIP_BY.plus(Grace.DEFAULT_SHIP_BY)),
                        tuple(IncidentKind.MISSED_DELIVERY, "o-1", DELIVER_BY.plus(Grace.DEFAULT_DELIVERY)));
        assertThat(afterRestore)
                .as("the same incidents, ids and evidence as a run that never stopped")
                .containsExactlyElementsOf(uninterruptedRun());
    }

    private static List<Incident> uninterruptedRun() throws Exception {
        var harness = harness(Backend.HEAP);
        harness.open();
        runUntilTheSavepoint(harness);
        List<Incident> all = runFromTheSavepoint(harness);
        harness.close();
        return all;
    }

    /** Order o-1 placed, ship-by a day later and deliver-by three days later; the watermark an hour on. */
    private static void runUntilTheSavepoint(KeyedOneInputStreamOperatorTestHarness<String, ShopEvent, Incident> h)
            throws Exception {
        ShopEvent order = placed("e-1");
        h.processElement(order, order.eventTime);
        h.processWatermark(SAVEPOINT_AT.toEpochMilli());
    }

    private static List<Incident> runFromTheSavepoint(
            KeyedOneInputStreamOperatorTestHarness<String, ShopEvent, Incident> h) throws Exception {
        // The committed 0.1.0 savepoint predates grace periods: its timer is at ship-by, and on firing the
        // restored detector waits out the default grace (state unchanged, so no new format version).
        h.processWatermark(SHIP_BY.plus(Grace.DEFAULT_SHIP_BY).toEpochMilli());
        h.processWatermark(DELIVER_BY.plus(Grace.DEFAULT_DELIVERY).toEpochMilli());
        return h.extractOutputValues();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ShopEvent, Incident> harness(Backend backend)
            throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new OrderDeadlinesFunction()), ShopEvent::getOrderId, Types.STRING, 1, 1, 0);
        harness.setStateBackend(backend.create());
        return harness;
    }
}
