package io.churnwatch.schemas.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.Incident;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.schemas.SampleRecords;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonLinesRoundTripTest {

    static Stream<SpecificRecord> inputEvents() {
        return Stream.of(
                SampleRecords.order(), SampleRecords.delivery(), SampleRecords.ticket(), SampleRecords.profile());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputEvents")
    void everyStreamRoundTripsThroughWriteAndRead(SpecificRecord record) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonLinesWriter writer = new JsonLinesWriter(out)) {
            writer.write(record);
        }

        List<StreamEvent> events =
                JsonLinesReader.of(new StringReader(out.toString())).readAll();

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.record()).isEqualTo(record);
            assertThat(event.stream()).isEqualTo(EventStream.forRecord(record));
            assertThat(event.lineNumber()).isEqualTo(1);
        });
    }

    @Test
    void writesStreamFirstThenFieldsInSchemaOrderWithUtcTimestampsAndExactDecimals() {
        String line = JsonLinesWriter.toLine(SampleRecords.profile());

        assertThat(line)
                .isEqualTo("{\"stream\":\"profiles\",\"customer_id\":\"c-42\",\"tier\":\"PLATINUM\","
                        + "\"lifetime_value\":1234.50,\"signup_date\":\"2019-02-28\",\"region\":\"EU-West\","
                        + "\"updated_at\":\"2026-11-20T08:15:00Z\"}");
    }

    @Test
    void leavesNullOptionalFieldsOut() {
        OrderEvent bare = OrderEvent.newBuilder(SampleRecords.order())
                .setPromisedShipBy(null)
                .setPromisedDeliveryBy(null)
                .setAmountMinor(null)
                .setCurrency(null)
                .setItemCount(null)
                .build();

        assertThat(JsonLinesWriter.toLine(bare))
                .isEqualTo(
                        "{\"stream\":\"orders\",\"event_id\":\"evt-o-1\","
                                + "\"order_id\":\"o-17\",\"customer_id\":\"c-42\",\"type\":\"PLACED\",\"event_time\":\"2026-11-20T09:15:00Z\"}");
    }

    @Test
    void writesMillisecondsOnlyWhenThereAreSome() {
        assertThat(JsonLinesWriter.toLine(SampleRecords.delivery()))
                .contains("\"event_time\":\"2026-11-22T17:03:12.345Z\"");
    }

    @Test
    void incidentsAndAlertsAreWrittenWithoutAStreamFieldAndReadBack() {
        Incident incident = SampleRecords.incident();
        ChurnAlert alert = SampleRecords.alert();

        String incidentJson = JsonLinesWriter.toJson(incident);
        String alertJson = JsonLinesWriter.toJson(alert);

        assertThat(incidentJson).doesNotContain("\"stream\"").startsWith("{\"incident_id\":\"inc-1\"");
        assertThat(alertJson)
                .doesNotContain("\"stream\"")
                .contains("\"customer_value\":98765432.10")
                .contains("\"reasons\":[{\"incident_id\":\"inc-1\",\"kind\":\"MISSED_DELIVERY\"")
                .contains("\"save_action\":{\"playbook\":\"platinum-personal-save\"");
        assertThat(AvroJson.fromJson(incidentJson, Incident.class)).isEqualTo(incident);
        assertThat(AvroJson.fromJson(alertJson, ChurnAlert.class)).isEqualTo(alert);
        assertThat(JsonLinesWriter.toLine(alert)).isEqualTo(alertJson);
    }

    @Test
    void bytesFieldsRoundTripAsBase64() {
        DeadLetter letter = SampleRecords.deadLetter();

        String json = AvroJson.toJson(letter);

        assertThat(json).contains("\"key\":\"by0xNw==\"");
        assertThat(AvroJson.fromJson(json, DeadLetter.class)).isEqualTo(letter);
    }

    @Test
    void eventTimeOfAProfileIsItsUpdatedAt() {
        CustomerProfile profile = SampleRecords.profile();

        assertThat(EventStream.eventTimeOf(profile)).isEqualTo(profile.getUpdatedAt());
        assertThat(EventStream.eventTimeOf(SampleRecords.order())).isEqualTo(SampleRecords.PLACED_AT);
        assertThat(StreamEvent.of(SampleRecords.delivery()).eventTime()).isEqualTo(SampleRecords.SCANNED_AT);
    }
}
