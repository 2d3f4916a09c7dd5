package io.churnwatch.notifyjob;

import io.churnwatch.alerting.group.EngineState;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** The alert engine's keyed state, Java-serialized (see {@link JavaSerializedSerializer} for the trade-off). */
public final class EngineStateSerializer extends JavaSerializedSerializer<EngineState> {

    private static final long serialVersionUID = 1L;

    public static final EngineStateSerializer INSTANCE = new EngineStateSerializer();

    private EngineStateSerializer() {
        super(EngineState.class);
    }

    @Override
    public TypeSerializerSnapshot<EngineState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a checkpoint; public with a no-argument constructor, as Flink requires. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EngineState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
