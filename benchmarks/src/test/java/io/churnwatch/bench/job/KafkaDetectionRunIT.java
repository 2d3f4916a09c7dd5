package io.churnwatch.bench.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.bench.Progress;
import io.churnwatch.bench.kafka.KafkaThroughput;
import io.churnwatch.bench.tpch.TpchWorkload;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.devstack.LocalKafka;
import io.churnwatch.jobs.time.Watermarks;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job read from a real broker finds the same missed deliveries as the job read from memory, and
 * counts every record it read: the "job from Kafka" benchmark figure rests on both.
 */
class KafkaDetectionRunIT {

    private static final double SF = 0.01;

    @TempDir
    static Path dir;

    private static LocalKafka kafka;
    private static TpchWorkload workload;

    @BeforeAll
    static void produceWorkload() throws Exception {
        workload = TpchWorkload.prepare(SF, dir);
        kafka = LocalKafka.start();
        kafka.createPipelineTopics();
        KafkaThroughput.produce(kafka.clientProperties(), workload, Progress.silent());
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void jobFromKafkaReadsEveryRecordAndMissesTheSameDeliveriesAsFromMemory() throws Exception {
        DetectionRun.Result memory = DetectionRun.run(
                2, DetectionRun.StateBackend.HEAP, env -> TpchSource.read(env, workload, Watermarks.replay()));
        KafkaConnection connection = kafka.connection();
        DetectionRun.Result fromKafka = DetectionRun.run(
                2,
                DetectionRun.StateBackend.HEAP,
                env -> KafkaInputs.read(env, connection, "bench-it", Watermarks.replay(), workload.lastEventTime()));

        assertThat(memory.events()).isEqualTo(workload.eventCount());
        assertThat(fromKafka.events()).isEqualTo(workload.eventCount());
        assertThat(memory.missedDeliveries()).isPositive();
        assertThat(fromKafka.missedOrders()).isEqualTo(memory.missedOrders());
        assertThat(fromKafka.missedDeliveries()).isEqualTo(memory.missedDeliveries());
    }
}
