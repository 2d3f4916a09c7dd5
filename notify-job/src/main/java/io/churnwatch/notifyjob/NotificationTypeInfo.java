package io.churnwatch.notifyjob;

import io.churnwatch.alerting.notify.Notification;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information for {@link Notification}, which lives in the Flink-free alerting module and so
 * cannot carry a {@code @TypeInfo} annotation. Without it Flink would fall back to Kryo.
 */
public final class NotificationTypeInfo extends TypeInformation<Notification> {

    private static final long serialVersionUID = 1L;

    public static final NotificationTypeInfo INSTANCE = new NotificationTypeInfo();

    private NotificationTypeInfo() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Notification> getTypeClass() {
        return Notification.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Notification> createSerializer(SerializerConfig config) {
        return NotificationSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "NotificationTypeInfo";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NotificationTypeInfo;
    }

    @Override
    public int hashCode() {
        return NotificationTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof NotificationTypeInfo;
    }
}
