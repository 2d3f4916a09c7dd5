package io.churnwatch.alerting.state;

import static io.churnwatch.alerting.TestAlerts.BEGINNING;
import static io.churnwatch.alerting.TestAlerts.FIVE_MINUTES_LATER;
import static io.churnwatch.alerting.TestAlerts.ONE_MINUTE_LATER;
import static io.churnwatch.alerting.TestAlerts.THIRTY_SECONDS_LATER;
import static io.churnwatch.alerting.TestAlerts.alert;
import static io.churnwatch.alerting.TestAlerts.escalated;
import static io.churnwatch.alerting.TestAlerts.firing;
import static io.churnwatch.alerting.TestAlerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.alerting.group.AlertGroup;
import io.churnwatch.alerting.group.AlertMute;
import io.churnwatch.alerting.group.EngineState;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.notify.RateLimit;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.schemas.avro.ReleasedSchema;
import io.churnwatch.schemas.avro.ReleasedSchemas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * The state formats of the alert engine and of notifications: golden bytes per format version (a
 * savepoint written by a release must read the same in every later one), round trips of rich values,
 * and refusals of what is not this format.
 *
 * <p>The golden files under {@code src/test/resources/io/churnwatch/alerting/state/} are written
 * once, when a format version is introduced, by running this test with
 * {@code -Dchurnwatch.write.golden=true}; an existing file is never overwritten.
 */
class StateCodecsTest {

    private static final String WRITE_PROPERTY = "churnwatch.write.golden";
    private static final String ENGINE_STATE_V1 = "engine-state-v1.bin";
    private static final String ENGINE_STATE_V2 = "engine-state-v2.bin";
    private static final String NOTIFICATION_V1 = "notification-v1.bin";

    /**
     * Version 1 is no longer written, so its file cannot be rewritten; it is read, and a state read
     * from it is written as version 2: the same bytes behind a new version byte and an empty list of
     * mutes.
     */
    @Test
    void theGoldenEngineStateOfVersion1DecodesToItsValueWithoutMutesAndEncodesAsVersion2() throws IOException {
        byte[] golden = golden(ENGINE_STATE_V1, null);

        EngineState decoded = EngineStateCodec.read(input(golden));

        assertThat(golden[0]).as("format version byte").isEqualTo((byte) 1);
        assertSameState(decoded, knownEngineState());
        assertThat(decoded.mutes()).isEmpty();
        byte[] asVersion2 = new byte[golden.length + 4];
        System.arraycopy(golden, 0, asVersion2, 0, golden.length);
        asVersion2[0] = 2;
        assertThat(encode(decoded)).isEqualTo(asVersion2);
    }

    @Test
    void theGoldenEngineStateOfVersion2DecodesToItsValueAndEncodesToTheSameBytes() throws IOException {
        byte[] golden = golden(ENGINE_STATE_V2, encode(knownEngineStateWithMutes()));

        EngineState decoded = EngineStateCodec.read(input(golden));

        assertSameState(decoded, knownEngineStateWithMutes());
        assertThat(decoded.mutes()).hasSize(3);
        assertThat(encode(decoded)).isEqualTo(golden);
        assertThat(golden[0]).as("format version byte").isEqualTo((byte) 2);
    }

    @Test
    void theGoldenNotificationOfVersion1DecodesToItsValueAndEncodesToTheSameBytes() throws IOException {
        byte[] golden = golden(NOTIFICATION_V1, encode(knownNotification()));

        Notification decoded = NotificationCodec.read(input(golden));

        assertThat(decoded).isEqualTo(knownNotification());
        assertThat(decoded.id()).isEqualTo(knownNotification().id());
        assertThat(encode(decoded)).isEqualTo(golden);
        assertThat(golden[0]).as("format version byte").isEqualTo((byte) 1);
    }

    @Test
    void aRichEngineStateSurvivesARoundTripWithItsOrders() throws IOException {
        EngineState state = knownEngineState();

        EngineState back = EngineStateCodec.read(input(encode(state)));

        assertSameState(back, state);
        // Iteration order decides the order of alerts in a notification, and so its equality on replay.
        AlertGroup group = back.group("route:{customer_id=c-42}").orElseThrow();
        assertThat(group.alerts().keySet()).containsExactly("a-2", "a-1", "a-3");
        assertThat(back.groups().keySet()).containsExactly("route.routes[0]:{}", "route:{customer_id=c-42}");
    }

    @Test
    void anEmptyEngineStateSurvivesARoundTrip() throws IOException {
        EngineState back = EngineStateCodec.read(input(encode(new EngineState())));

        assertThat(back.isEmpty()).isTrue();
        assertThat(back.buckets()).isEmpty();
    }

    @Test
    void aNotificationWithoutFiringAlertsSurvivesARoundTrip() throws IOException {
        ChurnAlert gone = resolved(firing("a-9", "c-9", AlertSeverity.LOW), ONE_MINUTE_LATER);
        Notification n = Notification.of("slack", "route:{}", Map.of(), List.of(), List.of(gone), ONE_MINUTE_LATER);

        assertThat(NotificationCodec.read(input(encode(n)))).isEqualTo(n);
    }

    @Test
    void refusesAFormatVersionFromANewerRelease() {
        byte[] bytes = {3, 0, 0, 0, 0, 0, 0, 0, 0};

        assertThatThrownBy(() -> EngineStateCodec.read(input(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format version 3")
                .hasMessageContaining("reads versions 1 to 2");
        assertThatThrownBy(() -> NotificationCodec.read(input(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("notification format version 3");
    }

    @Test
    void anAlertThatIsNotAvroSingleObjectEncodedIsAnIoErrorThatSaysSo() throws IOException {
        byte[] bytes = encode(knownNotification());
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == (byte) 0xC3 && bytes[i + 1] == 0x01) {
                bytes[i] = '{'; // as if the alert had been written as JSON
                break;
            }
        }

        assertThatThrownBy(() -> NotificationCodec.read(input(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot read an alert from state")
                .hasMessageContaining("expected marker C3 01");
    }

    /**
     * An alert in state carries its writer schema's fingerprint, so one written by a release with
     * an older ChurnAlert schema still reads: each released version, as such a release wrote it.
     */
    @Test
    void anAlertWrittenWithEveryReleasedChurnAlertSchemaReadsFromState() throws IOException {
        ChurnAlert current = firing("a-1", "c-42", AlertSeverity.HIGH);
        byte[] body = new BinaryMessageEncoder<ChurnAlert>(
                        SpecificData.getForClass(ChurnAlert.class), ChurnAlert.getClassSchema())
                .encode(current)
                .array();
        List<ReleasedSchema> released = ReleasedSchemas.of("ChurnAlert");
        assertThat(released).isNotEmpty();
        for (ReleasedSchema version : released) {
            // The current record as that release would have held it: resolved into its schema, written with it.
            GenericRecord old = new GenericDatumReader<GenericRecord>(ChurnAlert.getClassSchema(), version.schema())
                    .read(null, DecoderFactory.get().binaryDecoder(body, 10, body.length - 10, null));
            byte[] written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), version.schema())
                    .encode(old)
                    .array();
            ByteArrayOutputStream state = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(state);
            out.writeInt(written.length);
            out.write(written);

            ChurnAlert read = StateIO.readAlert(input(state.toByteArray()));

            assertThat(read.getAlertId()).as(version.label()).isEqualTo("a-1");
            assertThat(read.getCustomerValue()).as(version.label()).isEqualByComparingTo("12345.60");
            assertThat(read.getSeverity()).as(version.label()).isEqualTo(AlertSeverity.HIGH);
        }
    }

    /**
     * Two groups: a customer's with three alerts (one escalated, one resolved, one with unicode text),
     * what the receiver was told, all three flush instants (one with nanoseconds); and an operational
     * group never flushed (no last flush or notification, empty labels). Two rate-limit buckets.
     */
    static EngineState knownEngineState() {
        EngineState state = new EngineState();
        AlertGroup customer = new AlertGroup(
                "route:{customer_id=c-42}", "route", "pager", Map.of("customer_id", "c-42"), FIVE_MINUTES_LATER);
        customer.upsert(
                escalated(firing("a-2", "c-42", AlertSeverity.MEDIUM), AlertSeverity.CRITICAL, ONE_MINUTE_LATER));
        customer.upsert(firing("a-1", "c-42", AlertSeverity.HIGH));
        customer.upsert(resolved(
                alert("a-3", "c-42", AlertSeverity.LOW)
                        .setRegion("São Paulo – 東京")
                        .build(),
                ONE_MINUTE_LATER));
        customer.notifiedFiring().put("a-2", 1);
        customer.notifiedFiring().put("a-1", 0);
        customer.lastFlushAt(THIRTY_SECONDS_LATER);
        customer.lastNotifiedAt(THIRTY_SECONDS_LATER.plusNanos(123_456_789));
        state.groups().put(customer.key(), customer);

        AlertGroup operational =
                new AlertGroup("route.routes[0]:{}", "route.routes[0]", "ops-slack", Map.of(), THIRTY_SECONDS_LATER);
        operational.upsert(alert("operational:complaint-spike:delivery:2026-03-02", null, AlertSeverity.MEDIUM)
                .setScope(AlertScope.OPERATIONAL)
                .setCustomerTier(null)
                .setCustomerValue(null)
                .setRegion(null)
                .setSaveAction(null)
                .build());
        state.groups().put(operational.key(), operational);

        state.buckets().put("pager", new RateLimit.Bucket(4.25, THIRTY_SECONDS_LATER));
        state.buckets().put("ops-slack", new RateLimit.Bucket(0.0, BEGINNING));
        return state;
    }

    /**
     * {@link #knownEngineState()} with one mute of each kind: an acknowledgement at the escalated
     * severity, a snooze with nanoseconds in its end, and a resolution without an actor.
     */
    static EngineState knownEngineStateWithMutes() {
        EngineState state = knownEngineState();
        state.mutes()
                .put(
                        "a-2",
                        new AlertMute(
                                AlertMute.Kind.ACKNOWLEDGED,
                                "act-1",
                                "anna",
                                1,
                                AlertSeverity.CRITICAL,
                                null,
                                ONE_MINUTE_LATER));
        state.mutes()
                .put(
                        "a-1",
                        new AlertMute(
                                AlertMute.Kind.SNOOZED,
                                "act-2",
                                "jörg",
                                0,
                                AlertSeverity.HIGH,
                                FIVE_MINUTES_LATER.plusNanos(7),
                                THIRTY_SECONDS_LATER));
        state.mutes()
                .put(
                        "operational:complaint-spike:delivery:2026-03-02",
                        new AlertMute(
                                AlertMute.Kind.RESOLVED, "act-3", null, 0, AlertSeverity.MEDIUM, null, BEGINNING));
        return state;
    }

    static Notification knownNotification() {
        ChurnAlert a1 = firing("a-1", "c-42", AlertSeverity.HIGH);
        ChurnAlert a2 =
                escalated(firing("a-2", "c-42", AlertSeverity.MEDIUM), AlertSeverity.CRITICAL, ONE_MINUTE_LATER);
        ChurnAlert a3 = resolved(firing("a-3", "c-42", AlertSeverity.LOW), ONE_MINUTE_LATER);
        return Notification.of(
                "pager",
                "route:{customer_id=c-42}",
                Map.of("customer_id", "c-42", "region", "eu-west"),
                List.of(a2, a1),
                List.of(a3),
                FIVE_MINUTES_LATER.plusNanos(42));
    }

    /** Every field, and the alerts by Avro equality; maps regardless of class. */
    static void assertSameState(EngineState actual, EngineState expected) {
        assertThat(actual.groups().keySet())
                .containsExactlyElementsOf(expected.groups().keySet());
        for (AlertGroup e : expected.groups().values()) {
            AlertGroup a = actual.group(e.key()).orElseThrow();
            assertThat(a.routeId()).isEqualTo(e.routeId());
            assertThat(a.receiver()).isEqualTo(e.receiver());
            assertThat(a.groupLabels()).isEqualTo(e.groupLabels());
            assertThat(a.alerts()).containsExactlyEntriesOf(e.alerts());
            assertThat(a.notifiedFiring()).isEqualTo(e.notifiedFiring());
            assertThat(a.nextFlushAt()).isEqualTo(e.nextFlushAt());
            assertThat(a.lastFlushAt()).isEqualTo(e.lastFlushAt());
            assertThat(a.lastNotifiedAt()).isEqualTo(e.lastNotifiedAt());
        }
        assertThat(actual.buckets()).isEqualTo(expected.buckets());
        assertThat(actual.mutes()).containsExactlyInAnyOrderEntriesOf(expected.mutes());
    }

    private static byte[] encode(EngineState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EngineStateCodec.write(state, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static byte[] encode(Notification n) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NotificationCodec.write(n, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    /**
     * The committed bytes; with the write property, first writes them if this version has none yet
     * ({@code current} null: a version no longer written, whose file must exist).
     */
    private static byte[] golden(String name, byte[] current) throws IOException {
        Path source = Path.of("src/test/resources/io/churnwatch/alerting/state", name);
        if (current != null && Boolean.getBoolean(WRITE_PROPERTY) && !Files.exists(source)) {
            Files.createDirectories(source.getParent());
            Files.write(source, current);
        }
        try (InputStream in = StateCodecsTest.class.getResourceAsStream(name)) {
            if (in != null) {
                return in.readAllBytes();
            }
        }
        if (Files.exists(source)) {
            return Files.readAllBytes(source);
        }
        throw new IllegalStateException(
                "no golden file " + name + "; write it once with -D" + WRITE_PROPERTY + "=true");
    }
}
