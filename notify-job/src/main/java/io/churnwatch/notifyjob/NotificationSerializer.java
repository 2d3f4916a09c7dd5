package io.churnwatch.notifyjob;

import io.churnwatch.alerting.notify.Notification;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Notifications between the engine and the delivery operator, and in the delivery operator's
 * checkpointed in-flight queue; Java-serialized (see {@link JavaSerializedSerializer}).
 */
public final class NotificationSerializer extends JavaSerializedSerializer<Notification> {

    private static final long serialVersionUID = 1L;

    public static final NotificationSerializer INSTANCE = new NotificationSerializer();

    private NotificationSerializer() {
        super(Notification.class);
    }

    @Override
    public TypeSerializerSnapshot<Notification> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a checkpoint; public with a no-argument constructor, as Flink requires. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Notification> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
