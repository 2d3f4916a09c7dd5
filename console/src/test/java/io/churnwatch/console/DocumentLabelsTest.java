package io.churnwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.route.AlertLabels;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.index.AlertDocuments;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The silence preview matches on exactly the labels the delivery stage matches on. */
class DocumentLabelsTest {

    @Test
    void theLabelsOfAnAlertDocumentAreThoseOfItsRecord() throws Exception {
        ChurnAlert alert = ConsoleFixture.alert(
                "c-42",
                CustomerTier.GOLD,
                AlertSeverity.HIGH,
                600,
                6.0,
                1,
                List.of(ConsoleFixture.incident(
                        "inc-1",
                        IncidentKind.MISSED_DELIVERY,
                        "c-42",
                        "o-1",
                        null,
                        java.util.Map.of(),
                        "late",
                        ConsoleFixture.NOW)),
                AlertStatus.FIRING,
                null);
        byte[] json = new AlertDocuments().toDocument(alert).json();

        assertThat(DocumentLabels.of(Json.MAPPER.readTree(json))).isEqualTo(AlertLabels.of(alert));
    }
}
