package io.churnwatch.flink.job;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Operator savepoints committed as test resources, as Flink's own {@code *MigrationTest}s keep
 * theirs: a test drives one operator in a harness into a known state, takes a canonical savepoint of
 * it on each state backend and writes it with {@link OperatorSnapshotUtil} to
 * {@code src/test/resources/savepoints/<version>/<backend>/<name>}; every build restores every
 * version kept there and checks what comes back.
 *
 * <p>A version is the state format a build writes: the release it ships in, or for a build that
 * was never released the commit it was taken from. When a change alters what an operator keeps, the
 * snapshots of the old format stay and the new format gets a directory beside them.
 *
 * <p>Writing happens only with {@code -Dchurnwatch.write.savepoints=true} (see {@link #WRITE_PROPERTY}),
 * into the source tree of the module whose tests run (Maven runs them in the module's directory).
 */
public final class SavepointResources {

    /** Set to {@code true} to (re)write the current version's savepoints instead of only reading them. */
    public static final String WRITE_PROPERTY = "churnwatch.write.savepoints";

    private static final String ROOT = "savepoints";

    private SavepointResources() {}

    /** The state backends a savepoint is written with and restored into. */
    public enum Backend {
        HEAP,
        ROCKSDB;

        public StateBackend create() {
            return switch (this) {
                case HEAP -> new HashMapStateBackend();
                // Full snapshots: an incremental checkpoint would point at local SST files.
                case ROCKSDB -> new EmbeddedRocksDBStateBackend(false);
            };
        }

        public String directory() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static boolean writing() {
        return Boolean.getBoolean(WRITE_PROPERTY);
    }

    /**
     * Every (version, backend written on, backend restored into), for a {@code @MethodSource}: a
     * canonical savepoint may be restored into either backend, which is how a deployment switches.
     */
    public static List<Arguments> everyBackendOf(List<String> versions) {
        List<Arguments> all = new ArrayList<>();
        for (String version : versions) {
            for (Backend writtenOn : Backend.values()) {
                for (Backend restoredInto : Backend.values()) {
                    all.add(Arguments.of(version, writtenOn, restoredInto));
                }
            }
        }
        return all;
    }

    /**
     * Takes a savepoint (canonical format, as {@code stop-with-savepoint} writes by default) of the
     * harness's operator and writes it into this module's test resources.
     */
    public static Path write(AbstractStreamOperatorTestHarness<?> harness, String version, Backend backend, String name)
            throws Exception {
        OperatorSubtaskState state = harness.snapshotWithLocalState(
                        1L, 1L, SavepointType.savepoint(SavepointFormatType.CANONICAL))
                .getJobManagerOwnedState();
        Path file = Path.of("src", "test", "resources", ROOT, version, backend.directory(), name);
        Files.createDirectories(file.getParent());
        OperatorSnapshotUtil.writeStateHandle(state, file.toString());
        return file;
    }

    /** Reads a committed savepoint from the test classpath. */
    public static OperatorSubtaskState read(String version, Backend backend, String name) throws Exception {
        String resource = ROOT + "/" + version + "/" + backend.directory() + "/" + name;
        URL url = SavepointResources.class.getClassLoader().getResource(resource);
        Path written = Path.of("src", "test", "resources").resolve(resource);
        if (url == null && writing() && Files.exists(written)) {
            // Just written by this run, after Maven copied the test resources.
            return OperatorSnapshotUtil.readStateHandle(written.toString());
        }
        if (url == null) {
            throw new IllegalStateException(
                    "no committed savepoint " + resource + "; write the current version's with -D" + WRITE_PROPERTY
                            + "=true (see the module's README, State compatibility)");
        }
        try {
            return OperatorSnapshotUtil.readStateHandle(Path.of(url.toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + url, e);
        }
    }
}
