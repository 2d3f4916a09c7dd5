package io.churnwatch.alerting.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.alerting.ConfigFixtures;
import io.churnwatch.alerting.TestAlerts;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerTier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {
    private static final Map<String, String> ENV = Map.of(
            "CHURNWATCH_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X",
            "CHURNWATCH_SMTP_PASSWORD", "p",
            "CHURNWATCH_CRM_WEBHOOK_URL", "https://crm.example.com/hook",
            "CHURNWATCH_CRM_WEBHOOK_SECRET", ConfigFixtures.WEBHOOK_SECRET);

    private final Route root = ConfigFixtures.parse(
                    ConfigFixtures.resource("routing-example.yml")
                            .replace("routing_key_file: secrets/pagerduty-routing-key", "routing_key: test-key"),
                    ENV)
            .route();

    private String receiversFor(ChurnAlert a) {
        return String.join(
                ",", root.match(AlertLabels.of(a)).stream().map(Route::receiver).toList());
    }

    @Test
    void criticalPlatinumInEuReachesTheCrmPagesAndEmailsTheEuTeam() {
        ChurnAlert a = TestAlerts.firing("a1", "c1", AlertSeverity.CRITICAL);

        assertThat(receiversFor(a)).isEqualTo("crm-webhook,retention-pager,eu-retention-email");
    }

    @Test
    void continueLetsLaterSiblingsMatchButAFirstMatchWithoutContinueStops() {
        ChurnAlert us = TestAlerts.alert("a2", "c2", AlertSeverity.CRITICAL)
                .setRegion("us-east")
                .build();

        assertThat(receiversFor(us))
                .as("CRM and pager continue; not EU, not operational, so the last catch-all")
                .isEqualTo("crm-webhook,retention-pager,retention-slack");
    }

    @Test
    void lowAlertsOfEveryCustomerShareOneDigestGroupInsteadOfOneMessageEach() {
        ChurnAlert eu = TestAlerts.firing("a4", "c4", AlertSeverity.LOW);
        ChurnAlert us = TestAlerts.alert("a5", "c5", AlertSeverity.LOW)
                .setRegion("us-east")
                .build();

        assertThat(receiversFor(eu)).isEqualTo("crm-webhook,retention-slack");
        assertThat(receiversFor(us)).isEqualTo("crm-webhook,retention-slack");
        Route digest = root.match(AlertLabels.of(eu)).get(1);
        assertThat(digest).isSameAs(root.match(AlertLabels.of(us)).get(1));
        assertThat(digest.groupBy()).containsExactly("severity");
    }

    @Test
    void unmatchedAlertFallsBackToTheRootReceiver() {
        ChurnAlert basic = TestAlerts.alert("a3", "c3", AlertSeverity.LOW)
                .setCustomerTier(CustomerTier.BASIC)
                .setRegion("us-east")
                .setScope(AlertScope.CUSTOMER)
                .build();
        Route gold = new Route(
                "route.routes[0]",
                List.of(Matcher.parse("tier=\"GOLD\"")),
                "gold",
                List.of(),
                false,
                Duration.ZERO,
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                false,
                List.of());
        Route noCatchAll = new Route(
                "route",
                List.of(),
                "root",
                List.of(),
                false,
                Duration.ZERO,
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                false,
                List.of(gold));

        assertThat(noCatchAll.match(AlertLabels.of(basic)))
                .extracting(Route::receiver)
                .containsExactly("root");
    }

    @Test
    void matchersFollowAlertmanagerSemantics() {
        Map<String, String> labels = Map.of("severity", "HIGH", "region", "eu-west");

        assertThat(Matcher.parse("severity=\"HIGH\"").matches(labels)).isTrue();
        assertThat(Matcher.parse("severity!=HIGH").matches(labels)).isFalse();
        assertThat(Matcher.parse("region=~\"eu-.*\"").matches(labels)).isTrue();
        assertThat(Matcher.parse("region=~\"eu\"").matches(labels))
                .as("anchored")
                .isFalse();
        assertThat(Matcher.parse("kind!~\"TICKET_.*\"").matches(labels))
                .as("missing label is empty")
                .isTrue();
        assertThat(Matcher.parse("tier=\"\"").matches(labels)).isTrue();
        assertThatThrownBy(() -> Matcher.parse("region=~\"(eu\"")).hasMessageContaining("not a valid regex");
    }
}
