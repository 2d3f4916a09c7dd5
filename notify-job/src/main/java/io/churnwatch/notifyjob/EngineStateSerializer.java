package io.churnwatch.notifyjob;

import io.churnwatch.alerting.group.EngineState;
import io.churnwatch.alerting.state.EngineStateCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The alert engine's keyed state in the explicit, versioned format of {@link EngineStateCodec}
 * (format version byte, every field written, alerts in Avro single-object encoding).
 *
 * <p>Savepoints of the builds before kept this state Java-serialized, under the snapshot class
 * {@link Snapshot}; that class name must keep resolving, and it restores the Java-serialized
 * reader, so such a savepoint restores and its state is migrated to this format.
 */
public final class EngineStateSerializer extends CodecSerializer<EngineState> {

    private static final long serialVersionUID = 1L;

    public static final EngineStateSerializer INSTANCE = new EngineStateSerializer();

    private EngineStateSerializer() {}

    @Override
    void write(EngineState value, DataOutputView out) throws IOException {
        EngineStateCodec.write(value, out);
    }

    @Override
    EngineState read(DataInputView in) throws IOException {
        return EngineStateCodec.read(in);
    }

    @Override
    public EngineState createInstance() {
        return new EngineState();
    }

    @Override
    public TypeSerializerSnapshot<EngineState> snapshotConfiguration() {
        return new VersionedSnapshot();
    }

    /** The snapshot of this serializer: the {@link EngineStateCodec} format version it wrote. */
    public static final class VersionedSnapshot extends FormatSnapshot<EngineState> {
        public VersionedSnapshot() {
            super(INSTANCE, EngineStateCodec.CURRENT_VERSION, Snapshot.class);
        }
    }

    /**
     * The snapshot that savepoints of the Java-serialized state name (up to commit 9c9e627).
     * Restores the Java-serialized reader; the current snapshot migrates from it. Keep the class and
     * its name for as long as such savepoints may be restored.
     *
     * @deprecated only read from old savepoints; never written
     */
    @Deprecated
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EngineState> {
        public Snapshot() {
            super(() -> JavaSerializedSerializer.ENGINE_STATE);
        }
    }
}
