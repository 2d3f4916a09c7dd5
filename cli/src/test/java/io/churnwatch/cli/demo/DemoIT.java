package io.churnwatch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The README's run command, headless and bounded: the demo must show alerts within a minute, in
 * Elasticsearch and at the local receivers, and leave no process behind.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DemoIT {

    @Test
    void showsAlertsInElasticsearchAndAtTheReceiversWithinAMinuteAndLeavesNothingRunning() {
        List<ProcessHandle> before = ProcessHandle.current().descendants().toList();
        DemoCommand demo = new DemoCommand();

        int exit = new CommandLine(demo).execute("--duration", "PT60S", "--refresh", "PT10S");

        assertThat(exit).isZero();
        DemoView.Snapshot seen = demo.lastSnapshot;
        assertThat(seen.incidents()).as("incidents in Elasticsearch").isPositive();
        assertThat(seen.alerts()).as("alerts in Elasticsearch").isPositive();
        assertThat(seen.latestAlerts()).allSatisfy(a -> {
            assertThat(a.path("reasons").size()).isPositive();
            assertThat(a.path("save_action").path("summary").asText()).isNotBlank();
        });
        DemoReceivers told = demo.lastReceivers;
        assertThat(demo.lastNoise).as("noise figures measured at the end").isNotNull();
        assertThat(demo.lastNoise.episodes())
                .as("episodes counted from churn-alerts")
                .isPositive();
        assertThat(demo.lastNoise.notificationsByChannel().get("webhook"))
                .as("webhook calls counted when the figures were taken (the receivers count on until the stop)")
                .isPositive()
                .isLessThanOrEqualTo(told.webhookCalls());
        assertThat(told.webhookCalls()).as("signed webhook calls").isPositive();
        assertThat(told.webhookRefused())
                .as("webhook calls the receiver refused")
                .isZero();
        assertThat(told.slackMessages() + told.pagerDutyTriggers() + told.emails())
                .as("people told")
                .isPositive();
        assertThat(told.received())
                .filteredOn(r -> r.path().startsWith("/webhook"))
                .allSatisfy(r -> assertThat(r.body()).contains("\"alerts\""));
        // every link in a notification opens the alert on the demo's console
        assertThat(told.received())
                .filteredOn(r -> r.path().startsWith("/webhook"))
                .allSatisfy(r -> assertThat(r.body()).contains(demo.lastConsoleUrl + "/alerts/"));
        assertThat(ProcessHandle.current()
                        .descendants()
                        .filter(ProcessHandle::isAlive)
                        .toList())
                .as("no Elasticsearch or other child process left")
                .isSubsetOf(before);
    }
}
