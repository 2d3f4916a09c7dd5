package io.churnwatch.bench.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/**
 * The one measurement every footprint makes: load an operator's state in its test harness, then take one
 * full checkpoint to local files. Local files because the in-memory JobManager storage caps state at 5 MB.
 */
final class HarnessCheckpoint {

    /** What a load followed by one checkpoint cost, and the event-time timers the state held. */
    record Measured(long checkpointBytes, Duration checkpointTime, Duration loadTime, long timers) {}

    /** Fills the opened harness's state. */
    @FunctionalInterface
    interface Load {
        void into() throws Exception;
    }

    private static final long CHECKPOINT_ID = 1L;

    private HarnessCheckpoint() {}

    /**
     * Sets the backend and storage on the not yet opened {@code harness}, opens it, runs {@code load}, takes
     * one checkpoint at {@code checkpointAt} and closes the harness.
     */
    static Measured measure(
            AbstractStreamOperatorTestHarness<?> harness,
            StateFootprint.Backend backend,
            Path checkpoints,
            long checkpointAt,
            Load load)
            throws Exception {
        harness.setStateBackend(backend.create());
        harness.setCheckpointStorage(new FileSystemCheckpointStorage(checkpoints.toUri()));
        try {
            harness.open();
            long started = System.nanoTime();
            load.into();
            Duration loaded = Duration.ofNanos(System.nanoTime() - started);
            long timers = harness.numEventTimeTimers();
            started = System.nanoTime();
            OperatorSubtaskState snapshot = harness.snapshot(CHECKPOINT_ID, checkpointAt);
            Duration checkpoint = Duration.ofNanos(System.nanoTime() - started);
            return new Measured(snapshot.getStateSize(), checkpoint, loaded, timers);
        } finally {
            harness.close();
        }
    }

    /** Something measured with its checkpoint files in a folder of its own. */
    @FunctionalInterface
    interface InFolder<T> {
        T measure(Path checkpoints) throws Exception;
    }

    /** Runs {@code measurement} with a fresh temporary checkpoint folder, deleted after: 10 M orders leave GBs. */
    static <T> T inTemporaryFolder(InFolder<T> measurement) throws Exception {
        Path dir = Files.createTempDirectory("churnwatch-state-");
        try {
            return measurement.measure(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
