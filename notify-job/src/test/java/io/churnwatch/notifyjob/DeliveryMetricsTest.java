package io.churnwatch.notifyjob;

import static io.churnwatch.notifyjob.DeliveryMetrics.DEAD_LETTERED;
import static io.churnwatch.notifyjob.DeliveryMetrics.FAILED;
import static io.churnwatch.notifyjob.DeliveryMetrics.RETRIED;
import static io.churnwatch.notifyjob.DeliveryMetrics.SENT;
import static io.churnwatch.notifyjob.DeliveryMetrics.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.notify.DeliveryResult;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.retry.DeliveryReport;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.flink.metrics.ChurnMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class DeliveryMetricsTest {

    private final DeliveryMetrics metrics =
            new DeliveryMetrics(new UnregisteredMetricsGroup(), List.of("pager", "chat"));

    @Test
    void aFirstTimeDeliveryIsSentWithoutFailureOrRetry() {
        metrics.record(report("pager", new DeliveryResult.Delivered("202"), 1, false));

        assertThat(counts("pager")).containsExactly(1L, 0L, 0L, 0L, 0L);
        assertThat(counts("chat")).containsOnly(0L);
    }

    @Test
    void aDeliveryOnTheThirdAttemptCountsTwoFailuresAndTwoRetries() {
        metrics.record(report("pager", new DeliveryResult.Delivered("202"), 3, false));

        assertThat(counts("pager")).containsExactly(1L, 2L, 2L, 0L, 0L);
    }

    @Test
    void aNotificationGivenUpAfterFourAttemptsIsDeadLettered() {
        metrics.record(report("chat", new DeliveryResult.Retryable("503 Service Unavailable"), 4, true));

        assertThat(counts("chat")).containsExactly(0L, 4L, 3L, 1L, 0L);
        assertThat(metrics.count(ChurnMetrics.DEAD_LETTERS, "chat")).isEqualTo(1);
    }

    @Test
    void anOpenCircuitRefusingWithoutAnAttemptIsOneFailure() {
        metrics.record(report("chat", new DeliveryResult.Retryable("circuit open for receiver chat"), 0, true));

        assertThat(metrics.count(FAILED, "chat")).isEqualTo(1);
        assertThat(metrics.count(RETRIED, "chat")).isZero();
    }

    @Test
    void aTimeoutIsCountedApartFromTheDeliveryThatGoesOn() {
        metrics.timedOut("pager");
        metrics.record(report("pager", new DeliveryResult.Delivered("202"), 1, false));

        assertThat(counts("pager")).containsExactly(1L, 0L, 0L, 0L, 1L);
    }

    @Test
    void aReceiverMissingFromTheRoutingFileIsCountedWhenItFirstAppears() {
        metrics.deadLettered("removed-receiver");

        assertThat(metrics.count(DEAD_LETTERED, "removed-receiver")).isEqualTo(1);
    }

    private List<Long> counts(String receiver) {
        return List.of(SENT, FAILED, RETRIED, DEAD_LETTERED, TIMED_OUT).stream()
                .map(name -> metrics.count(name, receiver))
                .toList();
    }

    private static DeliveryReport report(String receiver, DeliveryResult last, int attempts, boolean deadLettered) {
        Notification n = Notification.of(
                receiver,
                "customer_id=c-1",
                Map.of("customer_id", "c-1"),
                List.of(TestAlerts.firing("a-1", "c-1", IncidentKind.MISSED_SHIP_BY)),
                List.of(),
                TestAlerts.BEGINNING);
        return new DeliveryReport(n, last, attempts, Duration.ofMillis(5), deadLettered);
    }
}
