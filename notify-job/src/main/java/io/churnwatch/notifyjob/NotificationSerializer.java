package io.churnwatch.notifyjob;

import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.state.NotificationCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Notifications between the engine and the delivery operator, and in the delivery operator's
 * checkpointed in-flight queue, in the explicit, versioned format of {@link NotificationCodec}.
 * Savepoints of the builds before hold them Java-serialized under {@link Snapshot}, which restores
 * the Java-serialized reader (see {@link EngineStateSerializer}).
 */
public final class NotificationSerializer extends CodecSerializer<Notification> {

    private static final long serialVersionUID = 1L;

    public static final NotificationSerializer INSTANCE = new NotificationSerializer();

    private NotificationSerializer() {}

    @Override
    void write(Notification value, DataOutputView out) throws IOException {
        NotificationCodec.write(value, out);
    }

    @Override
    Notification read(DataInputView in) throws IOException {
        return NotificationCodec.read(in);
    }

    /** A notification is a record without a no-argument constructor; Flink never needs an instance. */
    @Override
    public Notification createInstance() {
        return null;
    }

    @Override
    public TypeSerializerSnapshot<Notification> snapshotConfiguration() {
        return new VersionedSnapshot();
    }

    /** The snapshot of this serializer: the {@link NotificationCodec} format version it wrote. */
    public static final class VersionedSnapshot extends FormatSnapshot<Notification> {
        public VersionedSnapshot() {
            super(INSTANCE, NotificationCodec.CURRENT_VERSION, Snapshot.class);
        }
    }

    /**
     * The snapshot that savepoints of Java-serialized notifications name (up to commit 9c9e627).
     *
     * @deprecated only read from old savepoints; never written
     */
    @Deprecated
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Notification> {
        public Snapshot() {
            super(() -> JavaSerializedSerializer.NOTIFICATION);
        }
    }
}
