package io.churnwatch.backtest.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoiseFiguresTest {

    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

    private static Instant day(double d) {
        return T0.plusMillis((long) (d * Duration.ofDays(1).toMillis()));
    }

    private static AlertSpan span(String id, String customer, double fired, Double resolved) {
        return new AlertSpan(id, customer, day(fired), resolved == null ? null : day(resolved));
    }

    @Test
    void episodesPerThousandCustomersPerWeekAndShareAlerted() {
        List<AlertSpan> spans = List.of(span("a", "c1", 1, 2.0), span("b", "c2", 3, null), span("c", "c1", 20, null));

        NoiseFigures f = NoiseFigures.measure(spans, 500, T0, day(14), Map.of());

        // 3 episodes, 0.5 thousand customers, 2 weeks
        assertThat(f.alertsPerThousandCustomersPerWeek()).isCloseTo(3.0, within(1e-9));
        assertThat(f.customersAlerted()).isEqualTo(2);
        assertThat(f.shareOfCustomersAlerted()).isCloseTo(0.004, within(1e-9));
    }

    @Test
    void aCustomerFiringAgainWithinAWeekOfTheirResolveIsARefire() {
        List<AlertSpan> spans = List.of(
                span("a1", "c1", 1, 2.0),
                span("a2", "c1", 8.9, 10.0), // 6.9 days after a1 resolved: flapping
                span("a3", "c1", 17.5, null), // 7.5 days after a2 resolved: a new episode
                span("b1", "c2", 1, null),
                span("b2", "c2", 3, null)); // previous never resolved (cannot happen, but is no re-fire)

        NoiseFigures f = NoiseFigures.measure(spans, 1000, T0, day(21), Map.of());

        assertThat(f.refires()).isEqualTo(1);
        assertThat(f.refireShare()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void notificationsPerAlertPerChannel() {
        List<AlertSpan> spans = List.of(span("a", "c1", 1, null), span("b", "c2", 1, null));

        NoiseFigures f = NoiseFigures.measure(spans, 10, T0, day(7), Map.of("chat", 3L, "pager", 1L));

        assertThat(f.notificationsPerAlert()).containsEntry("chat", 1.5).containsEntry("pager", 0.5);
    }

    @Test
    void spansComeFromTheNewestRevisionOfEachCustomerAlert() {
        ChurnAlert fired = alert("customer:c1:1", "c1", 0, AlertStatus.FIRING, day(1), day(1));
        ChurnAlert updated = alert("customer:c1:1", "c1", 1, AlertStatus.FIRING, day(1), day(2));
        ChurnAlert resolved = alert("customer:c1:1", "c1", 2, AlertStatus.RESOLVED, day(1), day(4));
        ChurnAlert other = alert("customer:c2:3", "c2", 0, AlertStatus.FIRING, day(3), day(3));
        ChurnAlert operational = ChurnAlert.newBuilder(other)
                .setAlertId("operational:complaint-spike:late:2026-03-04")
                .setScope(AlertScope.OPERATIONAL)
                .setCustomerId(null)
                .build();

        List<AlertSpan> spans = AlertSpan.of(List.of(resolved, other, fired, operational, updated));

        assertThat(spans)
                .containsExactly(
                        new AlertSpan("customer:c1:1", "c1", day(1), day(4)),
                        new AlertSpan("customer:c2:3", "c2", day(3), null));
    }

    private static ChurnAlert alert(
            String id, String customer, int revision, AlertStatus status, Instant first, Instant last) {
        return ChurnAlert.newBuilder()
                .setAlertId(id)
                .setScope(AlertScope.CUSTOMER)
                .setCustomerId(customer)
                .setRiskScore(30)
                .setSeverity(AlertSeverity.MEDIUM)
                .setStatus(status)
                .setReasons(List.of())
                .setFirstSeen(first)
                .setLastSeen(last)
                .setRevision(revision)
                .build();
    }
}
