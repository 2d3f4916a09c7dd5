package io.churnwatch.notifyjob;

import static io.churnwatch.notifyjob.TestAlerts.BEGINNING;
import static io.churnwatch.notifyjob.TestAlerts.GROUP_WAIT_LATER;
import static io.churnwatch.notifyjob.TestAlerts.ONE_MINUTE_LATER;
import static io.churnwatch.notifyjob.TestAlerts.firing;
import static io.churnwatch.notifyjob.TestAlerts.operational;
import static io.churnwatch.notifyjob.TestAlerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.state.NotificationCodec;
import io.churnwatch.events.IncidentKind;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The notification serializer through Flink's serializer test battery, and its legacy snapshot. */
class NotificationSerializerTest extends SerializerTestBase<Notification> {

    @Override
    protected TypeSerializer<Notification> createSerializer() {
        return NotificationSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<Notification> getTypeClass() {
        return Notification.class;
    }

    /** A record: Flink never needs an empty instance, and there is none. */
    @Override
    protected boolean allowNullInstances(TypeSerializer<Notification> serializer) {
        return true;
    }

    @Override
    protected Notification[] getTestData() {
        return new Notification[] {
            Notification.of(
                    "pager",
                    "route:{customer_id=c-42}",
                    Map.of("customer_id", "c-42"),
                    List.of(
                            firing("a-1", "c-42", IncidentKind.MISSED_SHIP_BY),
                            firing("a-2", "c-42", IncidentKind.CHURN_INTENT)),
                    List.of(resolved(firing("a-3", "c-42", IncidentKind.TICKET_REOPENED), ONE_MINUTE_LATER)),
                    GROUP_WAIT_LATER),
            Notification.of(
                    "ops",
                    "route:{}",
                    Map.of(),
                    List.of(),
                    List.of(operational("operational:x")),
                    BEGINNING.plusNanos(7))
        };
    }

    @Test
    void keepsTheIdItWasWrittenWith() throws IOException {
        Notification n = getTestData()[0];
        Notification renamed = new Notification(
                "msg_from_an_older_release",
                n.receiver(),
                n.groupKey(),
                n.groupLabels(),
                n.firing(),
                n.resolved(),
                n.createdAt());
        DataOutputSerializer out = new DataOutputSerializer(256);
        NotificationSerializer.INSTANCE.serialize(renamed, out);

        Notification back =
                NotificationSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back.id()).isEqualTo("msg_from_an_older_release");
        assertThat(out.getCopyOfBuffer()[0]).isEqualTo((byte) NotificationCodec.CURRENT_VERSION);
    }

    @Test
    @SuppressWarnings("deprecation")
    void theSnapshotOfTheJavaSerializedFormatStillResolvesReadsItsStateAndMigrates() throws IOException {
        assertThat(NotificationSerializer.Snapshot.class.getName())
                .isEqualTo("io.churnwatch.notifyjob.NotificationSerializer$Snapshot");
        TypeSerializerSnapshot<Notification> old =
                EngineStateSerializerTest.roundTrip(new NotificationSerializer.Snapshot());
        DataOutputSerializer javaSerialized = new DataOutputSerializer(256);
        JavaSerializedSerializer.NOTIFICATION.serialize(getTestData()[0], javaSerialized);

        Notification read =
                old.restoreSerializer().deserialize(new DataInputDeserializer(javaSerialized.getCopyOfBuffer()));

        assertThat(read).isEqualTo(getTestData()[0]);
        assertThat(NotificationSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(old))
                .extracting(TypeSerializerSchemaCompatibility::isCompatibleAfterMigration)
                .isEqualTo(true);
    }
}
