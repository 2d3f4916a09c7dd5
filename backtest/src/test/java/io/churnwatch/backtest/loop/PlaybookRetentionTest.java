package io.churnwatch.backtest.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.backtest.loop.PlaybookRetention.Row;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.events.SaveAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaybookRetentionTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(30);

    private static Instant day(int d) {
        return T0.plus(Duration.ofDays(d));
    }

    @Test
    void eachEpisodeCountsUnderItsNewestPlaybookByWhatTheCustomerDidWithinTheWindow() {
        List<ChurnAlert> alerts = List.of(
                alert("a1", "c1", 0, "apology-and-callback"),
                alert("a1", "c1", 1, "vip-save"), // the newest revision's playbook counts
                alert("a2", "c2", 0, "vip-save"),
                alert("a3", "c3", 0, "respectful-exit"),
                alert("a4", "c4", 0, "respectful-exit"));
        List<OrderEvent> events = List.of(
                order("c1", OrderEventType.PLACED, day(10)), // ordered again: retained
                order("c2", OrderEventType.PLACED, day(40)), // after the window: silent
                order("c3", OrderEventType.CANCELLED, day(3)), // left
                order("c4", OrderEventType.PLACED, day(-5))); // before the alert: silent

        List<Row> rows = PlaybookRetention.of(alerts, events, WINDOW, day(60));

        assertThat(rows).containsExactly(new Row("respectful-exit", 2, 0, 1, 1), new Row("vip-save", 2, 1, 0, 1));
        assertThat(rows.get(1).retainedShare()).isEqualTo(0.5);
    }

    @Test
    void anEpisodeWhoseWindowPassesTheEndOfTheHistoryIsNotYetKnown() {
        List<Row> rows = PlaybookRetention.of(List.of(alert("a1", "c1", 0, "vip-save")), List.of(), WINDOW, day(29));

        assertThat(rows).isEmpty();
    }

    private static ChurnAlert alert(String id, String customer, int revision, String playbook) {
        return ChurnAlert.newBuilder()
                .setAlertId(id)
                .setScope(AlertScope.CUSTOMER)
                .setCustomerId(customer)
                .setRiskScore(30)
                .setSeverity(AlertSeverity.MEDIUM)
                .setStatus(AlertStatus.FIRING)
                .setReasons(List.of())
                .setFirstSeen(T0)
                .setLastSeen(T0)
                .setRevision(revision)
                .setSaveAction(SaveAction.newBuilder()
                        .setPlaybook(playbook)
                        .setSummary(playbook)
                        .setSteps(List.of())
                        .setOwner("retention")
                        .build())
                .build();
    }

    private static OrderEvent order(String customer, OrderEventType type, Instant at) {
        return OrderEvent.newBuilder()
                .setEventId(customer + type + at)
                .setOrderId("o-" + customer + at)
                .setCustomerId(customer)
                .setType(type)
                .setEventTime(at)
                .build();
    }
}
