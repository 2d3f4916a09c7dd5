package io.churnwatch.notifyjob;

import static io.churnwatch.notifyjob.TestAlerts.BEGINNING;
import static io.churnwatch.notifyjob.TestAlerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.group.AlertGroup;
import io.churnwatch.alerting.group.EngineState;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.IncidentKind;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The Java-serialized state and notifications survive a checkpoint round trip, and copies are deep. */
class EngineStateSerializerTest {

    @Test
    void engineStateWithAGroupSurvivesARoundTrip() throws Exception {
        EngineState state = stateWithOneGroup();

        DataOutputSerializer out = new DataOutputSerializer(256);
        EngineStateSerializer.INSTANCE.serialize(state, out);
        EngineState back = EngineStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        AlertGroup group = back.group("route:{customer_id=c-42}").orElseThrow();
        assertThat(group.alerts()).containsKey("a-1");
        assertThat(group.alerts().get("a-1").getCustomerValue()).isEqualByComparingTo("4200.00");
        assertThat(back.nextFlushAt()).contains(BEGINNING.plusSeconds(30));
    }

    @Test
    void copyIsDeepSoASnapshotDoesNotSeeLaterChanges() {
        EngineState state = stateWithOneGroup();

        EngineState copy = EngineStateSerializer.INSTANCE.copy(state);
        state.groups().clear();

        assertThat(copy.isEmpty()).isFalse();
    }

    @Test
    void notificationSurvivesARoundTripWithItsIdAndDedupKey() throws Exception {
        ChurnAlert alert = firing("a-1", "c-42", IncidentKind.MISSED_SHIP_BY);
        Notification n = Notification.of(
                "pager",
                "route:{customer_id=c-42}",
                Map.of("customer_id", "c-42"),
                List.of(alert),
                List.of(),
                BEGINNING);

        DataOutputSerializer out = new DataOutputSerializer(256);
        NotificationSerializer.INSTANCE.serialize(n, out);
        DataOutputSerializer copied = new DataOutputSerializer(256);
        NotificationSerializer.INSTANCE.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        Notification back =
                NotificationSerializer.INSTANCE.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()));

        assertThat(back).isEqualTo(n);
        assertThat(back.dedupKey()).isEqualTo(n.dedupKey());
    }

    private static EngineState stateWithOneGroup() {
        EngineState state = new EngineState();
        AlertGroup group = new AlertGroup(
                "route:{customer_id=c-42}", "route", "pager", Map.of("customer_id", "c-42"), BEGINNING.plusSeconds(30));
        group.upsert(firing("a-1", "c-42", IncidentKind.MISSED_SHIP_BY));
        state.groups().put(group.key(), group);
        return state;
    }
}
