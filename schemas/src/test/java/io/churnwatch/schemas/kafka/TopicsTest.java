package io.churnwatch.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.schemas.SampleRecords;
import io.churnwatch.schemas.avro.UndecodableRecordException;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void listsEveryTopicOnceWithItsSetup() {
        assertThat(Topics.all())
                .extracting(TopicSpec::name)
                .containsExactly(
                        "orders",
                        "deliveries",
                        "tickets",
                        "customer-profiles",
                        "churn-alerts",
                        "churn-rules",
                        "churn-silences",
                        "churn-dlq",
                        "churn-incidents",
                        "churn-actions");
        assertThat(Topics.all()).extracting(TopicSpec::partitions).containsExactly(6, 6, 6, 6, 6, 1, 1, 3, 6, 6);
        assertThat(Topics.all())
                .filteredOn(TopicSpec::isCompacted)
                .extracting(TopicSpec::name)
                .containsExactly("customer-profiles", "churn-rules", "churn-silences");
        assertThat(Topics.ORDERS.configs()).containsEntry("retention.ms", "604800000");
        assertThat(Topics.CHURN_ALERTS.configs()).containsEntry("retention.ms", "2592000000");
        assertThat(Topics.CHURN_DLQ.configs()).containsEntry("retention.ms", "2592000000");
        assertThat(Topics.byName("churn-dlq")).contains(Topics.CHURN_DLQ);
        assertThat(Topics.byName("nope")).isEmpty();
    }

    @Test
    void keysInputsByTheirEntityAndAlertsByTheirId() {
        assertThat(Topics.ORDERS.keyOf(SampleRecords.order())).isEqualTo("o-17");
        assertThat(Topics.DELIVERIES.keyOf(SampleRecords.delivery())).isEqualTo("o-17");
        assertThat(Topics.TICKETS.keyOf(SampleRecords.ticket())).isEqualTo("t-9");
        assertThat(Topics.CUSTOMER_PROFILES.keyOf(SampleRecords.profile())).isEqualTo("c-42");
        assertThat(Topics.CHURN_ALERTS.keyOf(SampleRecords.alert())).isEqualTo("alert-c-42-1");
        assertThat(Topics.CHURN_INCIDENTS.keyOf(SampleRecords.incident())).isEqualTo("inc-1");
        assertThat(Topics.CHURN_RULES.keyExtractor()).isEmpty();
        assertThatThrownBy(() -> Topics.CHURN_RULES.keyOf("rules: []"))
                .hasMessage("topic churn-rules has no key extractor: its producer chooses the key");
    }

    @Test
    void avroTopicsCarryGeneratedRecordsAndControlTopicsText() {
        assertThat(Topics.all())
                .filteredOn(spec -> !spec.isAvro())
                .extracting(TopicSpec::name)
                .containsExactly("churn-rules", "churn-silences");
    }

    @Test
    void serdeRoundTripsAndPassesTombstonesThrough() {
        Serde<ChurnAlert> serde = AvroSerde.forTopic(Topics.CHURN_ALERTS);
        ChurnAlert alert = SampleRecords.alert();

        byte[] bytes = serde.serializer().serialize("churn-alerts", alert);

        assertThat(serde.deserializer().deserialize("churn-alerts", bytes)).isEqualTo(alert);
        assertThat(serde.serializer().serialize("churn-alerts", null)).isNull();
        assertThat(serde.deserializer().deserialize("churn-alerts", null)).isNull();
    }

    @Test
    void kafkaCanBuildTheSerdesFromConfig() {
        Serializer<OrderEvent> serializer = new AvroSerializer<>();
        serializer.configure(Map.of(AvroSerdeConfig.VALUE_CLASS, OrderEvent.class.getName()), false);
        Deserializer<OrderEvent> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of(AvroSerdeConfig.VALUE_CLASS, OrderEvent.class), false);

        assertThat(deserializer.deserialize("orders", serializer.serialize("orders", SampleRecords.order())))
                .isEqualTo(SampleRecords.order());
        assertThatThrownBy(() -> new AvroSerializer<>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.VALUE_CLASS)
                .hasMessageContaining("set it to the generated Avro class");
    }

    @Test
    void deserializerRejectsARecordOfAnotherTopic() {
        byte[] ticket = new AvroSerializer<>(SupportTicketEvent.class).serialize("tickets", SampleRecords.ticket());

        assertThatThrownBy(() -> new AvroDeserializer<>(OrderEvent.class).deserialize("orders", ticket))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("it is a SupportTicketEvent v2 record");
    }
}
