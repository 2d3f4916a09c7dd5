package io.churnwatch.alerting.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.alerting.ConfigFixtures;
import io.churnwatch.alerting.route.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingConfigLoaderTest {
    private static final Map<String, String> ENV = Map.of(
            "CHURNWATCH_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T000/B000/XXXX",
            "CHURNWATCH_SMTP_PASSWORD", "smtp-pass-123",
            "CHURNWATCH_CRM_WEBHOOK_URL", "https://crm.example.com/hooks/churn",
            "CHURNWATCH_CRM_WEBHOOK_SECRET", ConfigFixtures.WEBHOOK_SECRET);

    @TempDir
    Path dir;

    private RoutingConfig loadExample() throws IOException {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/pagerduty-routing-key"), "R0UT1NGKEY0123456789abcdef012345\n");
        return new RoutingConfigLoader(ENV, dir)
                .parse("routing-example.yml", ConfigFixtures.resource("routing-example.yml"));
    }

    @Test
    void documentedExampleLoadsWithEveryOption() throws IOException {
        RoutingConfig config = loadExample();

        assertThat(config.receivers().keySet())
                .containsExactlyInAnyOrder(
                        "retention-pager", "retention-slack", "eu-retention-email", "crm-webhook", "ops-alertmanager");
        ReceiverConfig pager = config.receivers().get("retention-pager");
        assertThat(pager.channel()).isInstanceOfSatisfying(ChannelConfig.PagerDuty.class, pd -> {
            assertThat(pd.routingKey().reveal()).isEqualTo("R0UT1NGKEY0123456789abcdef012345");
            assertThat(pd.url()).hasToString("https://events.eu.pagerduty.com/v2/enqueue");
        });
        assertThat(pager.delivery().maxAttempts()).isEqualTo(6);
        assertThat(pager.delivery().breakerDelay()).isEqualTo(Duration.ofSeconds(30));
        ReceiverConfig slack = config.receivers().get("retention-slack");
        assertThat(slack.quietHours())
                .hasValueSatisfying(q -> assertThat(q.start()).isEqualTo(LocalTime.of(22, 0)));
        assertThat(slack.rateLimit())
                .hasValueSatisfying(r -> assertThat(r.burst()).isEqualTo(5));
        assertThat(config.inhibitRules()).hasSize(1);

        Route pagerRoute = config.route().routes().get(1);
        assertThat(pagerRoute.groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(pagerRoute.groupInterval()).as("inherited").isEqualTo(Duration.ofMinutes(5));
        assertThat(pagerRoute.groupBy()).as("inherited").containsExactly("customer_id");
        Route digest = config.route().routes().get(2);
        assertThat(digest.groupBy()).containsExactly("severity");
        assertThat(digest.groupInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(config.route().routes().get(3).routes().get(0).groupBy()).containsExactly("customer_id", "kind");
        assertThat(config.timeZone()).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
        assertThat(config.currency()).hasValue("EUR");
    }

    @Test
    void documentationShowsExactlyTheExampleTheTestsLoad() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "alerting.md"));

        assertThat(doc).contains("```yaml\n" + ConfigFixtures.resource("routing-example.yml") + "```");
    }

    @Test
    void secretsPrintMaskedInTheLoadedConfig() throws IOException {
        String printed = loadExample().toString();

        assertThat(printed)
                .doesNotContain("R0UT1NGKEY", "smtp-pass-123", "hooks.slack.com", "whsec_")
                .contains("<secret>");
    }

    @Test
    void undefinedReceiverIsNamedWithItsLineAndTheKnownReceivers() {
        String yaml = """
        route:
          receiver: pager
          routes:
            - matchers: ['severity="CRITICAL"']
              receiver: pager-eu
        receivers:
          - name: pager
            pagerduty: {routing_key: abc}
          - name: slack
            slack: {webhook_url: "https://hooks.slack.com/x"}
        """;

        assertThatThrownBy(() -> ConfigFixtures.parse(yaml))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "route.routes[0].receiver \"pager-eu\" is not defined (known: pager, slack) at line 5"));
    }

    @Test
    void theShopsTimeZoneDefaultsToUtcAndAnUnknownZoneOrCurrencyIsNamed() {
        String minimal = """
        route: {receiver: hook}
        receivers:
          - name: hook
            webhook: {url: "http://x", secret: "whsec_ZGVtbw=="}
        """;
        RoutingConfig config = ConfigFixtures.parse(minimal);
        assertThat(config.timeZone()).isEqualTo(java.time.ZoneId.of("UTC"));
        assertThat(config.currency()).isEmpty();

        assertThatThrownBy(
                        () -> ConfigFixtures.parse("global: {timezone: Europe/Atlantis, currency: euro}\n" + minimal))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "global.timezone \"Europe/Atlantis\" is not an IANA time zone such as Europe/Berlin or UTC at line 1",
                                        "global.currency \"euro\" is not an ISO 4217 code such as EUR at line 1"));
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsLine() {
        String yaml = """
        route:
          recevier: pager
          group_wait: 30 seconds
          routes:
            - matchers: ['severity=="CRITICAL"', 'colour="red"']
        receivers:
          - name: pager
            pagerduty: {routing_key_env: PD_KEY}
            quiet_hours: {start: "22:00", end: "07:00", timezone: Europe/Berlin}
          - name: hook
            webhook: {url: "http://x", secret: "not-a-whsec"}
        """;

        assertThatThrownBy(() -> ConfigFixtures.parse(yaml))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "route.recevier is not a known key (known: continue, group_by, group_interval, group_wait, matchers, "
                                                + "receiver, repeat_interval, routes) at line 2",
                                        "route.receiver is required: the root route catches what no other route takes at line 2",
                                        "route.group_wait: \"30 seconds\" is not a duration (use e.g. 250ms, 30s, 5m, 4h, 1d) at line 3",
                                        "route.routes[0].matchers[0]: \"severity==\"CRITICAL\"\" is not a matcher (use name=\"value\", !=, =~ or !~) at line 5",
                                        "route.routes[0].matchers[1] matches on \"colour\", which is not a label (known: alert_id, alertname, "
                                                + "customer_id, kind, region, scope, severity, tier) at line 5",
                                        "receivers[0].pagerduty.routing_key_env: environment variable PD_KEY is not set at line 8",
                                        "receivers[0].quiet_hours is not allowed on a pagerduty receiver: pages must not wait; use quiet hours "
                                                + "only for receivers that do not page at line 9",
                                        "receivers[1].webhook.secret must be \"whsec_\" followed by base64 (Standard Webhooks) at line 11"));
    }

    @Test
    void alertmanagerResolveTimeoutMustOutlastRepeatInterval() {
        String yaml = """
        route:
          receiver: am
          repeat_interval: 4h
        receivers:
          - name: am
            alertmanager: {url: "http://127.0.0.1:9093", resolve_timeout: 1h}
        """;

        assertThatThrownBy(() -> ConfigFixtures.parse(yaml))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("whose resolve_timeout PT1H is not longer than repeat_interval PT4H")
                .hasMessageContaining("at line 2");
    }

    @Test
    void secretFileThatCannotBeReadIsAConfigError() {
        String yaml = """
        route: {receiver: pager}
        receivers:
          - name: pager
            pagerduty: {routing_key_file: missing/key}
        """;

        assertThatThrownBy(() -> new RoutingConfigLoader(Map.of(), dir).parse("t.yml", yaml))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("receivers[0].pagerduty.routing_key_file: cannot read")
                .hasMessageContaining("NoSuchFileException) at line 4");
    }
}
