package io.churnwatch.bench.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.AlertReason;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BenchDataTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final BenchData data = new BenchData(1_000, 10_000, NOW);
    private final List<ChurnAlert> alerts =
            IntStream.range(0, 1_000).mapToObj(data::alert).toList();

    @Test
    void eachAlertNamesTenIncidentsOfItsOwnCustomer() {
        for (ChurnAlert a : alerts.subList(0, 50)) {
            assertThat(a.getReasons()).hasSize(BenchData.REASONS_PER_ALERT);
            for (AlertReason r : a.getReasons()) {
                long n = Long.parseLong(r.getIncidentId().substring("inc-".length()));
                Incident i = data.incident(n);
                assertThat(i.getIncidentId()).isEqualTo(r.getIncidentId());
                assertThat(i.getKind()).isEqualTo(r.getKind());
                if (i.getCustomerId() != null) {
                    assertThat(i.getCustomerId()).isEqualTo(a.getCustomerId());
                }
            }
        }
    }

    @Test
    void everyIncidentBelongsToExactlyOneAlert() {
        Set<String> named = new HashSet<>();
        alerts.forEach(a -> a.getReasons()
                .forEach(r -> assertThat(named.add(r.getIncidentId())).isTrue()));
        assertThat(named).hasSize(10_000);
    }

    @Test
    void alertsSpreadOverEveryTierSeverityRegionPlaybookAndStatus() {
        assertThat(alerts.stream().map(ChurnAlert::getCustomerTier).distinct()).hasSize(4);
        assertThat(alerts.stream().map(ChurnAlert::getSeverity).distinct()).hasSize(4);
        assertThat(alerts.stream().map(ChurnAlert::getRegion).distinct()).hasSize(BenchData.REGIONS.length);
        assertThat(alerts.stream().map(a -> a.getSaveAction().getPlaybook()).distinct())
                .hasSize(BenchData.PLAYBOOKS.length);
        // every severity occurs within every tier, so the facets' disjunctive counts differ per filter
        assertThat(alerts.stream()
                        .map(a -> a.getCustomerTier() + "/" + a.getSeverity())
                        .distinct())
                .hasSize(16);
        long firing =
                alerts.stream().filter(a -> a.getStatus() == AlertStatus.FIRING).count();
        assertThat(firing).isEqualTo(800);
    }

    @Test
    void callbacksFallBothBeforeAndAfterNow() {
        long overdue = alerts.stream()
                .filter(a -> a.getSaveAction().getCallbackBy().isBefore(NOW))
                .count();
        assertThat(overdue).isBetween(300L, 350L);
    }

    @Test
    void fewerIncidentsThanTenPerAlertGiveShorterReasonLists() {
        BenchData small = new BenchData(100, 250, NOW);
        assertThat(small.reasonsOf(0)).containsExactly(0L, 100L, 200L);
        assertThat(small.reasonsOf(99)).containsExactly(99L, 199L);
    }
}
