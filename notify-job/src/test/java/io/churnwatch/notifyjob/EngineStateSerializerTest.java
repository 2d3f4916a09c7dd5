package io.churnwatch.notifyjob;

import static io.churnwatch.notifyjob.TestAlerts.BEGINNING;
import static io.churnwatch.notifyjob.TestAlerts.GROUP_WAIT_LATER;
import static io.churnwatch.notifyjob.TestAlerts.ONE_MINUTE_LATER;
import static io.churnwatch.notifyjob.TestAlerts.firing;
import static io.churnwatch.notifyjob.TestAlerts.operational;
import static io.churnwatch.notifyjob.TestAlerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.group.AlertGroup;
import io.churnwatch.alerting.group.EngineState;
import io.churnwatch.alerting.notify.RateLimit;
import io.churnwatch.alerting.state.EngineStateCodec;
import io.churnwatch.events.IncidentKind;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.junit.jupiter.api.Test;

/**
 * The alert engine's state serializer through Flink's own serializer test battery (copies,
 * sequences, snapshot and restore, duplicates, concurrency), plus what makes old savepoints restore:
 * the legacy snapshot class of the Java-serialized format still resolves and migrates, a newer
 * format is refused. The format itself and its golden bytes are tested in alerting's StateCodecsTest.
 */
class EngineStateSerializerTest extends SerializerTestBase<EngineState> {

    EngineStateSerializerTest() {
        // EngineState has no equals: two states are the same when the format writes them the same.
        super(new DeeplyEqualsChecker()
                .withCustomCheck(
                        (a, b) -> a instanceof EngineState && b instanceof EngineState,
                        (a, b, checker) -> Arrays.equals(codecBytes((EngineState) a), codecBytes((EngineState) b))));
    }

    @Override
    protected TypeSerializer<EngineState> createSerializer() {
        return EngineStateSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<EngineState> getTypeClass() {
        return EngineState.class;
    }

    @Override
    protected EngineState[] getTestData() {
        return new EngineState[] {new EngineState(), stateWithOneGroup(), richState()};
    }

    @Test
    void writesExactlyTheCodecsVersionedFormat() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        EngineStateSerializer.INSTANCE.serialize(richState(), out);

        assertThat(out.getCopyOfBuffer()).isEqualTo(codecBytes(richState()));
        assertThat(out.getCopyOfBuffer()[0]).isEqualTo((byte) EngineStateCodec.CURRENT_VERSION);
    }

    @Test
    void copyIsDeepSoASnapshotDoesNotSeeLaterChanges() {
        EngineState state = stateWithOneGroup();

        EngineState copy = EngineStateSerializer.INSTANCE.copy(state);
        state.groups().values().iterator().next().alerts().clear();
        state.groups().clear();

        assertThat(copy.group("route:{customer_id=c-42}").orElseThrow().alerts())
                .containsKey("a-1");
    }

    @Test
    @SuppressWarnings("deprecation")
    void theSnapshotOfTheJavaSerializedFormatStillResolvesReadsItsStateAndMigrates() throws IOException {
        // What a savepoint of the builds up to 9c9e627 holds: this snapshot class by name, and Java-serialized bytes.
        assertThat(EngineStateSerializer.Snapshot.class.getName())
                .isEqualTo("io.churnwatch.notifyjob.EngineStateSerializer$Snapshot");
        TypeSerializerSnapshot<EngineState> old = roundTrip(new EngineStateSerializer.Snapshot());
        DataOutputSerializer javaSerialized = new DataOutputSerializer(256);
        JavaSerializedSerializer.ENGINE_STATE.serialize(richState(), javaSerialized);

        EngineState read =
                old.restoreSerializer().deserialize(new DataInputDeserializer(javaSerialized.getCopyOfBuffer()));

        assertThat(codecBytes(read)).isEqualTo(codecBytes(richState()));
        assertThat(EngineStateSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(old))
                .extracting(TypeSerializerSchemaCompatibility::isCompatibleAfterMigration)
                .isEqualTo(true);
    }

    @Test
    void aSnapshotOfTheSameFormatIsCompatibleAsIs() throws IOException {
        TypeSerializerSnapshot<EngineState> old = roundTrip(EngineStateSerializer.INSTANCE.snapshotConfiguration());

        assertThat(EngineStateSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(old))
                .extracting(TypeSerializerSchemaCompatibility::isCompatibleAsIs)
                .isEqualTo(true);
        assertThat(old.restoreSerializer()).isSameAs(EngineStateSerializer.INSTANCE);
    }

    @Test
    void aSnapshotOfFormatVersion1IsMigratedToTheCurrentFormat() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(8);
        out.writeInt(EngineStateCodec.VERSION_1);
        var version1 = new EngineStateSerializer.VersionedSnapshot();
        version1.readSnapshot(
                version1.getCurrentVersion(),
                new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());

        assertThat(EngineStateCodec.CURRENT_VERSION).isEqualTo(EngineStateCodec.VERSION_2);
        assertThat(EngineStateSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(version1))
                .extracting(TypeSerializerSchemaCompatibility::isCompatibleAfterMigration)
                .isEqualTo(true);
        assertThat(version1.restoreSerializer())
                .as("the current serializer reads version 1 itself")
                .isSameAs(EngineStateSerializer.INSTANCE);
    }

    @Test
    void aSnapshotOfANewerFormatIsIncompatibleRatherThanMisread() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(8);
        out.writeInt(EngineStateCodec.CURRENT_VERSION + 1);
        var newer = new EngineStateSerializer.VersionedSnapshot();
        newer.readSnapshot(
                newer.getCurrentVersion(),
                new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());

        assertThat(EngineStateSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(newer))
                .extracting(TypeSerializerSchemaCompatibility::isIncompatible)
                .isEqualTo(true);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aSnapshotOfAnotherSerializerIsIncompatible() {
        TypeSerializerSnapshot other = StringSerializer.INSTANCE.snapshotConfiguration();

        assertThat(EngineStateSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(other))
                .extracting(TypeSerializerSchemaCompatibility::isIncompatible)
                .isEqualTo(true);
    }

    /** As a savepoint stores a snapshot: class name, version, data; and as a restore reads it. */
    static <T> TypeSerializerSnapshot<T> roundTrip(TypeSerializerSnapshot<T> snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), EngineStateSerializerTest.class.getClassLoader());
    }

    private static EngineState stateWithOneGroup() {
        EngineState state = new EngineState();
        AlertGroup group = new AlertGroup(
                "route:{customer_id=c-42}", "route", "pager", Map.of("customer_id", "c-42"), GROUP_WAIT_LATER);
        group.upsert(firing("a-1", "c-42", IncidentKind.MISSED_SHIP_BY));
        state.groups().put(group.key(), group);
        return state;
    }

    /** A told group with a resolved alert and a repeat pending, an operational group, rate-limit buckets. */
    private static EngineState richState() {
        EngineState state = stateWithOneGroup();
        AlertGroup told = state.group("route:{customer_id=c-42}").orElseThrow();
        told.upsert(firing("a-2", "c-42", IncidentKind.CHURN_INTENT));
        told.upsert(resolved(firing("a-3", "c-42", IncidentKind.TICKET_REOPENED), ONE_MINUTE_LATER));
        told.notifiedFiring().put("a-1", 0);
        told.notifiedFiring().put("a-2", 0);
        told.lastFlushAt(GROUP_WAIT_LATER);
        told.lastNotifiedAt(GROUP_WAIT_LATER);
        told.nextFlushAt(GROUP_WAIT_LATER.plusSeconds(300));
        AlertGroup ops = new AlertGroup("route:{}", "route", "ops", Map.of(), BEGINNING.plusNanos(1));
        ops.upsert(operational("operational:complaint-spike:delivery:2026-03-02"));
        state.groups().put(ops.key(), ops);
        state.buckets().put("pager", new RateLimit.Bucket(9.5, GROUP_WAIT_LATER));
        state.buckets().put("ops", new RateLimit.Bucket(1.0, BEGINNING));
        return state;
    }

    private static byte[] codecBytes(EngineState state) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            EngineStateCodec.write(state, new DataOutputStream(bytes));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
