package io.churnwatch.notifyjob;

import io.churnwatch.alerting.group.EngineState;
import io.churnwatch.alerting.notify.Notification;
import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Reads (and writes) a value with Java serialization, length-prefixed: how the notify job kept
 * {@code EngineState} and {@code Notification} up to commit 9c9e627. Only savepoints of those builds
 * use it now, through the legacy snapshots {@link EngineStateSerializer.Snapshot} and
 * {@link NotificationSerializer.Snapshot}; Flink reads their state with it and migrates it to the
 * versioned format. It works only while the alerting classes stay Java-compatible with what was
 * written ({@code serialVersionUID} 1, compatible fields) and while {@code ChurnAlert}'s schema is the
 * one it was written with (Avro's {@code Externalizable} writes no schema): restore such savepoints
 * with a release that still has this class and the same ChurnAlert schema, take a new savepoint, and
 * upgrade from that one.
 */
class JavaSerializedSerializer<T extends Serializable> extends TypeSerializerSingleton<T> {

    static final JavaSerializedSerializer<EngineState> ENGINE_STATE =
            new JavaSerializedSerializer<>(EngineState.class, EngineStateSerializer.Snapshot::new);
    static final JavaSerializedSerializer<Notification> NOTIFICATION =
            new JavaSerializedSerializer<>(Notification.class, NotificationSerializer.Snapshot::new);

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final SerializableSupplier<TypeSerializerSnapshot<T>> snapshot;

    private JavaSerializedSerializer(Class<T> type, SerializableSupplier<TypeSerializerSnapshot<T>> snapshot) {
        this.type = type;
        this.snapshot = snapshot;
    }

    /** Two instances, told apart by type: TypeSerializerSingleton's equality is by class alone. */
    @Override
    public boolean equals(Object other) {
        return other instanceof JavaSerializedSerializer<?> that && that.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    @SuppressWarnings("deprecation")
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return snapshot.get();
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public T createInstance() {
        return null;
    }

    /** A deep copy: the heap state backend copies state written during an asynchronous snapshot. */
    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            return type.cast(InstantiationUtil.deserializeObject(
                    InstantiationUtil.serializeObject(from),
                    Thread.currentThread().getContextClassLoader()));
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot copy a " + type.getSimpleName(), e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        byte[] bytes = InstantiationUtil.serializeObject(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        try {
            return type.cast(InstantiationUtil.deserializeObject(
                    bytes, Thread.currentThread().getContextClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot read a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        target.writeInt(bytes.length);
        // Through an array: DataOutputSerializer.write(DataInputView, n) does not grow its buffer.
        target.write(bytes);
    }
}
