package io.churnwatch.flink.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.schemas.avro.AvroCodec;
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
    void skipsTombstones() {
        deserializer.deserialize(record(null), collector);
        assertThat(out).isEmpty();
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
