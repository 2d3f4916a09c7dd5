package io.churnwatch.flink.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.schemas.avro.AvroCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLetteringDeserializerTest {

    private final DeadLetteringDeserializer<OrderEvent> deserializer =
            new DeadLetteringDeserializer<>(OrderEvent.class);
    private final List<Either<DeadLetter, OrderEvent>> out = new ArrayList<>();
    private final Collector<Either<DeadLetter, OrderEvent>> collector = new Collector<>() {
        @Override
        public void collect(Either<DeadLetter, OrderEvent> record) {
            out.add(record);
        }

        @Override
        public void close() {}
    };

    @Test
    void passesAValidEventThrough() {
        OrderEvent order = order(Instant.parse("2026-11-03T17:00:00Z"));
        deserializer.deserialize(record(AvroCodec.of(OrderEvent.class).encode(order)), collector);

        assertThat(out).singleElement().satisfies(e -> assertThat(e.right()).isEqualTo(order));
    }

    @Test
    void deadLettersGarbageWithTopicPartitionOffsetAndReason() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        deserializer.deserialize(record(garbage), collector);

        DeadLetter letter = out.get(0).left();
        assertThat(letter.getStage()).isEqualTo("decode");
        assertThat(letter.getSourceTopic()).isEqualTo("orders");
        assertThat(letter.getSourcePartition()).isEqualTo(3);
        assertThat(letter.getSourceOffset()).isEqualTo(42L);
        assertThat(letter.getReason()).isNotBlank();
        assertThat(letter.getPayload().array()).isEqualTo(garbage);
    }

    @Test
    void deadLettersADecodableButInvalidEvent() {
        OrderEvent dueBeforePlaced = order(Instant.parse("2026-11-01T00:00:00Z"));
        deserializer.deserialize(record(AvroCodec.of(OrderEvent.class).encode(dueBeforePlaced)), collector);

        DeadLetter letter = out.get(0).left();
        assertThat(letter.getStage()).isEqualTo("validate");
        assertThat(letter.getReason()).contains("invalid OrderEvent").contains("promised_ship_by");
    }

    @Test
    void passesChurnWatchsOwnAlertsThrough() {
        var alerts = new DeadLetteringDeserializer<>(io.churnwatch.events.ChurnAlert.class);
        var alert = io.churnwatch.events.ChurnAlert.newBuilder()
                .setAlertId("customer:c-1:1")
                .setCustomerId("c-1")
                .setRiskScore(40)
                .setSeverity(io.churnwatch.events.AlertSeverity.MEDIUM)
                .setStatus(io.churnwatch.events.AlertStatus.FIRING)
                .setFirstSeen(Instant.parse("2026-11-02T09:00:00Z"))
                .setLastSeen(Instant.parse("2026-11-02T09:00:00Z"))
                .build();
        List<Either<DeadLetter, io.churnwatch.events.ChurnAlert>> decoded = new ArrayList<>();
        alerts.deserialize(
                new ConsumerRecord<>(
                        "churn-alerts",
                        0,
                        0L,
                        null,
                        AvroCodec.of(io.churnwatch.events.ChurnAlert.class).encode(alert)),
                new Collector<>() {
                    @Override
                    public void collect(Either<DeadLetter, io.churnwatch.events.ChurnAlert> record) {
                        decoded.add(record);
                    }

                    @Override
                    public void close() {}
                });

        assertThat(decoded).singleElement().satisfies(e -> assertThat(e.right()).isEqualTo(alert));
    }

    @Test
    void deadLettersTombstonesInsteadOfDroppingThemUnseen() {
        deserializer.deserialize(record(null), collector);

        DeadLetter letter = out.get(0).left();
        assertThat(letter.getStage()).isEqualTo("decode");
        assertThat(letter.getSourceTopic()).isEqualTo("orders");
        assertThat(letter.getSourcePartition()).isEqualTo(3);
        assertThat(letter.getSourceOffset()).isEqualTo(42L);
        assertThat(letter.getReason()).startsWith("null value (tombstone) where a OrderEvent was expected");
        assertThat(letter.getPayload()).isNull();
        assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap("o-1".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deadLettersAnOversizedValidEventWithoutDecodingItAndKeepsTheDeadLetterSmall() {
        // Valid Avro, valid event, but a 1 MiB event id: decoded, it would reach state and alerts.
        OrderEvent huge = OrderEvent.newBuilder(order(Instant.parse("2026-11-03T17:00:00Z")))
                .setEventId("e".repeat(1 << 20))
                .build();
        byte[] value = AvroCodec.of(OrderEvent.class).encode(huge);

        deserializer.deserialize(record(value), collector);

        DeadLetter letter = out.get(0).left();
        assertThat(letter.getStage()).isEqualTo("decode");
        assertThat(letter.getReason())
                .startsWith(String.format(
                        "value of %,d bytes is larger than the 262,144 bytes a OrderEvent may have", value.length))
                .endsWith(String.format(
                        "payload cut to its first 262,144 of %,d bytes (the whole record is at orders partition 3 offset 42)",
                        value.length));
        assertThat(letter.getPayload()).isEqualTo(ByteBuffer.wrap(value, 0, DeadLetters.MAX_PAYLOAD_BYTES));
        assertThat(AvroCodec.of(DeadLetter.class).encode(letter).length)
                .as("fits churn-dlq's default 1 MiB message limit")
                .isLessThan(300 * 1024);
    }

    @Test
    void validatesALargeValueUnderTheLimitAndRejectsItsOverlongId() {
        OrderEvent large = OrderEvent.newBuilder(order(Instant.parse("2026-11-03T17:00:00Z")))
                .setCustomerId("c".repeat(100 * 1024))
                .build();
        byte[] value = AvroCodec.of(OrderEvent.class).encode(large);
        assertThat(value.length).isLessThan(DeadLetteringDeserializer.MAX_VALUE_BYTES);

        deserializer.deserialize(record(value), collector);

        DeadLetter letter = out.get(0).left();
        assertThat(letter.getStage()).isEqualTo("validate");
        assertThat(letter.getReason()).contains("customer_id is 102,400 characters long; an id may have at most 256");
        assertThat(letter.getPayload()).isEqualTo(ByteBuffer.wrap(value));
    }

    @Test
    void cutsAnOversizedKeyInTheDeadLetter() {
        byte[] key = new byte[DeadLetters.MAX_KEY_BYTES + 1];
        deserializer.deserialize(new ConsumerRecord<>("orders", 0, 7L, key, new byte[] {1, 2}), collector);

        DeadLetter letter = out.get(0).left();
        assertThat(letter.getKey().remaining()).isEqualTo(DeadLetters.MAX_KEY_BYTES);
        assertThat(letter.getReason()).endsWith("; key cut to its first 16,384 of 16,385 bytes");
        assertThat(letter.getPayload()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2}));
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("orders", 3, 42L, "o-1".getBytes(StandardCharsets.UTF_8), value);
    }

    private static OrderEvent order(Instant shipBy) {
        return OrderEvent.newBuilder()
                .setEventId("o-1-placed")
                .setOrderId("o-1")
                .setCustomerId("c-1")
                .setType(OrderEventType.PLACED)
                .setEventTime(Instant.parse("2026-11-02T09:00:00Z"))
                .setPromisedShipBy(shipBy)
                .build();
    }
}
