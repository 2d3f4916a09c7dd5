package io.churnwatch.jobs.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.churnwatch.devstack.LocalKafka;
import io.churnwatch.flink.metrics.ChurnMetrics;
import io.churnwatch.generator.EventPump;
import io.churnwatch.generator.GeneratorConfig;
import io.churnwatch.generator.KafkaEventSink;
import io.churnwatch.generator.Pace;
import io.churnwatch.generator.Pacer;
import io.churnwatch.generator.ShopGenerator;
import io.churnwatch.jobs.JobSettings;
import io.churnwatch.jobs.LiveChurnJob;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker restarted mid-stream (issue #15, faults). The detection job runs over a recorded shop
 * twice, on a broker of its own each time: once without a fault, and once while that broker is
 * stopped (an orderly shutdown) and started again on the same port and log directory after the job
 * has read part of its input and committed part of its output. What a {@code read_committed}
 * consumer finds on {@code churn-alerts} and {@code churn-incidents} afterwards must equal the
 * fault-free run record by record (latest revision per id), with no (id, revision) twice on
 * {@code churn-alerts}, and the job must come through by itself.
 *
 * <p>A broker of its own per run, not the shared {@code @WithDevStack} one: topic names are fixed
 * ({@link Topics}), so two runs on one broker would read each other's input and output, and the
 * shared broker must never be stopped under the other ITs of this JVM.
 *
 * <p>The job is the bounded replay ({@code endOfRecording}): its output is then a function of the
 * recording alone, so the two runs can be compared exactly. Live event time would make the alerts
 * depend on when each record happened to arrive.
 */
@Timeout(300)
class KafkaRestartIT {

    private static final ReportingCluster CLUSTER = new ReportingCluster();

    @RegisterExtension
    static final MiniClusterExtension FLINK = CLUSTER.extension;

    /** Orders in the recorded shop; {@code -Dchurnwatch.fault.orders=N} to change. */
    static final int ORDERS = Integer.getInteger("churnwatch.fault.orders", 10_000);
    /**
     * How long the broker stays down. Longer than the clients' reconnect backoff (1 s at most) and
     * than the job's checkpoint interval, so that the sources' fetches, the sinks' sends and a
     * checkpoint all meet a missing broker, yet far below the producers' delivery timeout (2 min),
     * which is what a longer outage would run into first.
     */
    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("churnwatch.fault.kafkaOutageSeconds", 10));

    /**
     * The sources' idleness, longer than the outage plus the broker's stop and restart. With the
     * default (10 s) a 10 s outage stalls the sources' fetches; a partition silent past the idleness
     * is left out of the watermark, the others carry it past that partition's events, and they arrive
     * late, so deadlines fire before the events that met them. Measured: 9 to 41 of 693 alerts lost,
     * 0 restarts (docs/reliability.md, Faults). That is a limit of idleness in replay, not of the
     * broker restart, so this test keeps the two apart.
     */
    static final Duration IDLENESS = Duration.ofSeconds(60);

    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    static final List<String> OUTPUTS = List.of(Topics.CHURN_ALERTS.name(), Topics.CHURN_INCIDENTS.name());

    @Test
    void alertsAndIncidentsAfterABrokerRestartEqualAFaultFreeRun() throws Exception {
        // Given the output of a fault-free run over the recorded shop
        CommittedOutput reference;
        long events;
        try (LocalKafka kafka = LocalKafka.start()) {
            Recording recording = record(kafka);
            events = recording.events();
            long started = System.nanoTime();
            JobClient job = submit(kafka, recording.end(), "KafkaRestartIT-reference");
            job.getJobExecutionResult().get();
            System.out.printf(
                    "KafkaRestartIT: fault-free run over %,d events in %.1f s, %d restarts%n",
                    events,
                    (System.nanoTime() - started) / 1e9,
                    CLUSTER.metrics(job.getJobID()).numRestarts());
            reference = CommittedOutput.read(kafka.connection());
        }
        assertThat(reference.alerts().latest())
                .as("alerts of the fault-free run")
                .hasSizeGreaterThan(20);

        // When the same recording runs again and the broker is stopped and restarted mid-stream
        CommittedOutput output;
        long restarts;
        long eventsBeforeStop;
        double recoverySeconds;
        double restartSeconds;
        try (LocalKafka kafka = LocalKafka.start()) {
            Recording recording = record(kafka);
            JobClient job = submit(kafka, recording.end(), "KafkaRestartIT-fault");
            JobMetrics metrics = CLUSTER.metrics(job.getJobID());
            // Mid-stream: part of the input read, and a checkpoint has committed part of the output
            // (the job reads a few thousand events a second here, so the first commit comes early)
            await("the job read a tenth of its input and committed output")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> metrics.counter(ChurnMetrics.EVENTS_IN) >= events / 10
                            && CommittedOutput.committedOffsets(kafka.connection(), OUTPUTS) > 0);
            eventsBeforeStop = metrics.counter(ChurnMetrics.EVENTS_IN);
            long committedBeforeStop = CommittedOutput.committedOffsets(kafka.connection(), OUTPUTS);
            kafka.stop();
            assertThat(job.getJobStatus().get())
                    .as("the job had not finished when the broker went")
                    .isEqualTo(JobStatus.RUNNING);
            // The outage itself: nothing to wait for but time.
            Thread.sleep(OUTAGE.toMillis());
            restartSeconds = kafka.restart().toNanos() / 1e9;
            long back = System.nanoTime();
            long committedAtReturn = CommittedOutput.committedOffsets(kafka.connection(), OUTPUTS);
            await("the job's next committed output after the broker's return")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> CommittedOutput.committedOffsets(kafka.connection(), OUTPUTS) > committedAtReturn);
            recoverySeconds = (System.nanoTime() - back) / 1e9;
            System.out.printf(
                    "KafkaRestartIT: broker stopped after %,d of %,d events in (%,d output records committed),"
                            + " down %d s, up again in %.1f s, next committed output %.1f s after its return%n",
                    eventsBeforeStop, events, committedBeforeStop, OUTAGE.toSeconds(), restartSeconds, recoverySeconds);

            job.getJobExecutionResult().get();
            restarts = metrics.numRestarts();
            output = CommittedOutput.read(kafka.connection());
        }

        // Then the committed alerts and incidents are those of the fault-free run, none lost, none twice
        CommittedOutput.Comparison alerts = output.alerts().against(reference.alerts());
        CommittedOutput.Comparison incidents = output.incidents().against(reference.incidents());
        System.out.printf(
                "KafkaRestartIT: | broker stopped and restarted (same port and log directory), down %d s |"
                        + " %,d events | alerts: %s | incidents: %s | recovery %.1f s | numRestarts %d |%n",
                OUTAGE.toSeconds(), events, alerts.summary(), incidents.summary(), recoverySeconds, restarts);
        assertThat(alerts.lost()).as("alerts lost").isEmpty();
        assertThat(alerts.extra()).as("alerts the fault-free run did not raise").isEmpty();
        assertThat(alerts.different())
                .as("alerts whose latest revision differs")
                .isEmpty();
        assertThat(alerts.duplicated()).as("alert revisions committed twice").isEmpty();
        assertThat(incidents.lost()).as("incidents lost").isEmpty();
        assertThat(incidents.extra())
                .as("incidents the fault-free run did not find")
                .isEmpty();
        assertThat(incidents.different())
                .as("incidents whose latest revision differs")
                .isEmpty();
        // churn-incidents is at least once by design (KafkaSinks.incidents: keyed by a deterministic
        // id, so a repeat is an update of the same incident). Repeats came even without a restart
        // (126 to 384 in five runs), presumably sends the stopping broker took but never
        // acknowledged, resent after its return; not pinned down. Printed, not asserted.
        // churn-alerts, exactly once, must have none.
        // And the job came through without a restart loop
        assertThat(restarts).as("restarts of the job (numRestarts)").isBetween(0L, 2L);
    }

    private record Recording(long events, Instant end) {}

    /** The recorded shop, written to the broker the way a shop would write it. */
    private static Recording record(LocalKafka kafka) throws Exception {
        kafka.createPipelineTopics();
        ShopGenerator shop = new ShopGenerator(
                GeneratorConfig.defaults().withSeed(15).withCustomers(1_000).withTotalOrders(ORDERS));
        long events;
        try (KafkaEventSink sink = KafkaEventSink.create(kafka.clientProperties())) {
            events = EventPump.pump(shop, Pacer.of(Pace.asFastAsPossible()), sink);
        }
        return new Recording(events, shop.lastEventTime());
    }

    private static JobClient submit(LocalKafka kafka, Instant end, String name) throws Exception {
        JobSettings settings = new JobSettings(
                kafka.connection(),
                null,
                "fault-kafka",
                RulesParser.defaults(),
                Watermarks.replay().withIdleness(IDLENESS),
                CHECKPOINT_INTERVAL,
                end);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        LiveChurnJob.build(env, settings);
        return env.executeAsync(name);
    }
}
