package io.churnwatch.schemas.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertActionKind;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SaveOutcome;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketPriority;
import io.churnwatch.schemas.SampleRecords;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroCodecTest {

    static List<SpecificRecord> samples() {
        return SampleRecords.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> void roundTripsEveryRecordType(T record) {
        AvroCodec<T> codec = AvroCodec.of((Class<T>) record.getClass());

        T decoded = codec.decode(codec.encode(record));

        assertThat(decoded).isEqualTo(record);
    }

    @Test
    void writesSingleObjectEncodingWithTheCurrentFingerprint() {
        byte[] bytes = AvroCodec.of(OrderEvent.class).encode(SampleRecords.order());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint =
                ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(OrderEvent.getClassSchema()));
    }

    @Test
    void keepsDecimalsDatesAndNestedRecordsExactly() {
        var profile = SampleRecords.profile();
        var alert = SampleRecords.alert();
        var ticket = SampleRecords.ticket();

        var decodedProfile = AvroCodec.of(io.churnwatch.events.CustomerProfile.class)
                .decode(AvroCodec.of(io.churnwatch.events.CustomerProfile.class).encode(profile));
        var decodedAlert = AvroCodec.of(io.churnwatch.events.ChurnAlert.class)
                .decode(AvroCodec.of(io.churnwatch.events.ChurnAlert.class).encode(alert));
        var decodedTicket = AvroCodec.of(SupportTicketEvent.class)
                .decode(AvroCodec.of(SupportTicketEvent.class).encode(ticket));

        assertThat(decodedProfile.getLifetimeValue()).hasToString("1234.50");
        assertThat(decodedProfile.getSignupDate()).isEqualTo(java.time.LocalDate.of(2019, 2, 28));
        assertThat(decodedAlert.getCustomerValue()).hasToString("98765432.10");
        assertThat(decodedAlert.getReasons())
                .singleElement()
                .satisfies(reason -> assertThat(reason.getEvidenceEventIds()).containsExactly("evt-o-1", "evt-d-1"));
        assertThat(decodedAlert.getSaveAction().getSteps()).containsExactly("Call", "Offer voucher");
        assertThat(decodedTicket.getPromise().getDueAt())
                .isEqualTo(ticket.getPromise().getDueAt());
    }

    @Test
    void readsADeliveryEventWrittenWithVersionOne() throws Exception {
        Schema v1 = ReleasedSchemas.of("DeliveryEvent").get(0).schema();
        GenericRecord old = new GenericData.Record(v1);
        old.put("event_id", "evt-d-old");
        old.put("order_id", "o-1");
        old.put("shipment_id", "s-1");
        old.put("customer_id", "c-1");
        old.put("status", new GenericData.EnumSymbol(v1.getField("status").schema(), "DELIVERED"));
        old.put("event_time", SampleRecords.SCANNED_AT.toEpochMilli());
        old.put("carrier", "UPS");
        old.put("revised_eta", null);
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1)
                .encode(old)
                .array();

        DeliveryEvent decoded = AvroCodec.of(DeliveryEvent.class).decode(bytes);

        assertThat(decoded.getEventId()).isEqualTo("evt-d-old");
        assertThat(decoded.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(decoded.getEventTime()).isEqualTo(SampleRecords.SCANNED_AT);
        assertThat(decoded.getCarrier()).isEqualTo("UPS");
        assertThat(decoded.getPromisedDeliveryBy()).isNull();
    }

    @Test
    void readsASupportTicketEventWrittenWithVersionOne() throws Exception {
        Schema v1 = ReleasedSchemas.of("SupportTicketEvent").get(0).schema();
        GenericRecord old = new GenericData.Record(v1);
        old.put("event_id", "evt-t-old");
        old.put("ticket_id", "t-1");
        old.put("customer_id", "c-1");
        old.put("order_id", "o-1");
        old.put("type", new GenericData.EnumSymbol(v1.getField("type").schema(), "OPENED"));
        old.put("event_time", SampleRecords.SCANNED_AT.toEpochMilli());
        old.put("priority", new GenericData.EnumSymbol(v1.getField("priority").schema(), "URGENT"));
        old.put("category", "cancellation");
        old.put("promise", null);
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1)
                .encode(old)
                .array();

        SupportTicketEvent decoded = AvroCodec.of(SupportTicketEvent.class).decode(bytes);

        assertThat(decoded.getTicketId()).isEqualTo("t-1");
        assertThat(decoded.getPriority()).isEqualTo(TicketPriority.URGENT);
        assertThat(decoded.getCategory()).isEqualTo("cancellation");
        assertThat(decoded.getChannel()).isNull();
    }

    @Test
    void readsAnAlertActionWrittenWithVersionOneAsClaimingNoContact() throws Exception {
        Schema v1 = ReleasedSchemas.of("AlertAction").get(0).schema();
        GenericRecord old = new GenericData.Record(v1);
        old.put("action_id", "act-old");
        old.put("alert_id", "alert-c-1-1");
        old.put("alert_revision", 0);
        old.put("customer_id", "c-1");
        old.put("kind", new GenericData.EnumSymbol(v1.getField("kind").schema(), "RESOLVE"));
        old.put("actor", "maria");
        old.put("acted_at", SampleRecords.SCANNED_AT.toEpochMilli());
        old.put("assignee", null);
        old.put("snoozed_until", null);
        old.put("reason", null);
        old.put("note", null);
        Schema outcome = v1.getField("outcome").schema().getTypes().get(1);
        old.put("outcome", new GenericData.EnumSymbol(outcome, "LEFT_RESPECTFULLY"));
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1)
                .encode(old)
                .array();

        AlertAction decoded = AvroCodec.of(AlertAction.class).decode(bytes);

        assertThat(decoded.getKind()).isEqualTo(AlertActionKind.RESOLVE);
        assertThat(decoded.getOutcome()).isEqualTo(SaveOutcome.LEFT_RESPECTFULLY);
        assertThat(decoded.getActedAt()).isEqualTo(SampleRecords.SCANNED_AT);
        assertThat(decoded.getContact()).isNull();
    }

    @Test
    void rejectsBytesShorterThanTheHeader() {
        assertThatThrownBy(() -> AvroCodec.of(OrderEvent.class).decode(new byte[] {(byte) 0xC3, 0x01, 7}))
                .isInstanceOfSatisfying(UndecodableRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UndecodableRecordException.Reason.TRUNCATED_HEADER);
                    assertThat(e.recordName()).isEqualTo("OrderEvent");
                })
                .hasMessageContaining("3 bytes are too short for a OrderEvent");
    }

    @Test
    void rejectsBytesWithoutTheSingleObjectMarker() {
        byte[] json = "{\"event_id\":\"e-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> AvroCodec.of(OrderEvent.class).decode(json))
                .isInstanceOfSatisfying(
                        UndecodableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(UndecodableRecordException.Reason.BAD_MARKER))
                .hasMessageContaining("expected marker C3 01 for OrderEvent, found 7B 22");
    }

    @Test
    void rejectsAnUnknownFingerprintListingTheKnownVersions() {
        byte[] bytes = AvroCodec.of(DeliveryEvent.class).encode(SampleRecords.delivery());
        Arrays.fill(bytes, 2, 10, (byte) 0x5A);

        assertThatThrownBy(() -> AvroCodec.of(DeliveryEvent.class).decode(bytes))
                .isInstanceOfSatisfying(
                        UndecodableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(UndecodableRecordException.Reason.UNKNOWN_FINGERPRINT))
                .hasMessageStartingWith(
                        "unknown schema fingerprint 0x5a5a5a5a5a5a5a5a for DeliveryEvent; known versions: v1 (0x")
                .hasMessageContaining(", v2 (0x")
                .hasMessageContaining("never released");
    }

    @Test
    void namesTheRecordTypeWhenARecordIsReadFromTheWrongTopic() {
        byte[] delivery = AvroCodec.of(DeliveryEvent.class).encode(SampleRecords.delivery());

        assertThatThrownBy(() -> AvroCodec.of(OrderEvent.class).decode(delivery))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("for OrderEvent; known versions: v1 (0x")
                .hasMessageContaining("it is a DeliveryEvent v2 record: was it read from the wrong topic?");
    }

    @Test
    void rejectsATruncatedBody() {
        byte[] whole = AvroCodec.of(OrderEvent.class).encode(SampleRecords.order());
        byte[] truncated = Arrays.copyOf(whole, 14);

        assertThatThrownBy(() -> AvroCodec.of(OrderEvent.class).decode(truncated))
                .isInstanceOfSatisfying(
                        UndecodableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(UndecodableRecordException.Reason.BAD_BODY))
                .hasMessageContaining("OrderEvent v1 record of 14 bytes has a truncated or corrupt body");
    }

    @Test
    void survivesJavaSerializationAsFlinkShipsIt() throws Exception {
        AvroCodec<OrderEvent> codec = AvroCodec.of(OrderEvent.class);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(codec);
        }

        @SuppressWarnings("unchecked")
        AvroCodec<OrderEvent> copy = (AvroCodec<OrderEvent>)
                new ObjectInputStream(new ByteArrayInputStream(buffer.toByteArray())).readObject();

        assertThat(copy.type()).isEqualTo(OrderEvent.class);
        assertThat(copy.decode(codec.encode(SampleRecords.order()))).isEqualTo(SampleRecords.order());
    }

    @Test
    void isRebuiltFromTheRecordClassName() {
        AvroCodec<?> codec = AvroCodec.forClassName(
                "io.churnwatch.events.OrderEvent", getClass().getClassLoader());

        assertThat(codec.decode(AvroCodec.of(OrderEvent.class).encode(SampleRecords.order())))
                .isEqualTo(SampleRecords.order());
        assertThatThrownBy(() ->
                        AvroCodec.forClassName("java.lang.String", getClass().getClassLoader()))
                .hasMessageContaining("is not a generated Avro record");
        assertThatThrownBy(() -> AvroCodec.forClassName(
                        "io.churnwatch.events.Nope", getClass().getClassLoader()))
                .hasMessageContaining("io.churnwatch.events.Nope is not on the classpath");
    }

    @Test
    void oneCodecServesManyThreadsAtOnce() throws Exception {
        AvroCodec<SupportTicketEvent> codec = AvroCodec.of(SupportTicketEvent.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = IntStream.range(0, 4)
                    .<Callable<Boolean>>mapToObj(thread -> () -> {
                        for (int i = 0; i < 2_000; i++) {
                            SupportTicketEvent event = SampleRecords.ticket();
                            event.setTicketId("t-" + thread + "-" + i);
                            if (!codec.decode(codec.encode(event)).equals(event)) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .toList();
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
