package io.churnwatch.console;

import static io.churnwatch.console.ConsoleFixture.BASIC;
import static io.churnwatch.console.ConsoleFixture.GOLD;
import static io.churnwatch.console.ConsoleFixture.PLATINUM;
import static io.churnwatch.console.ConsoleFixture.RESOLVED;
import static io.churnwatch.console.ConsoleFixture.XSS;
import static io.churnwatch.console.ConsoleFixture.alertId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.churnwatch.devstack.DevStack;
import io.churnwatch.devstack.WithDevStack;
import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertActionKind;
import io.churnwatch.schemas.kafka.AvroDeserializer;
import io.churnwatch.schemas.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The console's JSON API and pages over HTTP, against a real Elasticsearch node and Kafka broker. */
@WithDevStack
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleApiIT {

    private DevStack stack;
    private Console console;

    @BeforeAll
    void start(DevStack stack) throws Exception {
        this.stack = stack;
        ConsoleFixture.seed(stack);
        console = Console.start(ConsoleSettings.of(
                        stack.kafka().connection(), stack.elasticsearch().connection(), ConsoleFixture.users())
                .withConsumerGroup("console-api-it"));
    }

    @AfterAll
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void worklistListsFiringCustomerAlertsHighestPriorityFirst() throws Exception {
        JsonNode page =
                ConsoleClient.loggedIn(console.url(), "vic").get("/api/alerts").json();

        assertThat(page.path("alerts").findValuesAsText("customer_id")).containsExactly(PLATINUM, GOLD, XSS, BASIC);
        assertThat(page.path("total").asLong()).isEqualTo(4);
        JsonNode top = page.path("alerts").get(0);
        assertThat(top.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(top.path("reason").asText()).isEqualTo("Promised callback on ticket t-77 never came");
        assertThat(top.path("playbook").asText()).isEqualTo("platinum-personal-save");
        assertThat(top.path("overdue").asBoolean()).isTrue();
        assertThat(top.path("state").asText()).isEqualTo("new");
    }

    @Test
    void aFilterNarrowsTheListAndFacetsCountTheOtherValues() throws Exception {
        ConsoleClient vic = ConsoleClient.loggedIn(console.url(), "vic");

        JsonNode high = vic.get("/api/alerts?severity=HIGH,CRITICAL&tier=GOLD").json();
        assertThat(high.path("alerts").findValuesAsText("customer_id")).containsExactly(GOLD);
        // the severity facet ignores its own filter but applies the tier filter
        assertThat(high.path("facets").path("severity").path("HIGH").asLong()).isEqualTo(1);
        assertThat(high.path("facets").path("tier").path("PLATINUM").asLong()).isEqualTo(1);

        JsonNode overdue = vic.get("/api/alerts?overdue=true").json();
        assertThat(overdue.path("alerts").findValuesAsText("customer_id")).containsExactly(PLATINUM);

        JsonNode kind = vic.get("/api/alerts?kind=missed_ship_by").json();
        assertThat(kind.path("alerts").findValuesAsText("customer_id")).containsExactly(BASIC);

        JsonNode byTicket = vic.get("/api/alerts?q=t-88").json();
        assertThat(byTicket.path("alerts").findValuesAsText("customer_id")).containsExactly(GOLD);
        JsonNode byOrder = vic.get("/api/alerts?q=o-1001").json();
        assertThat(byOrder.path("alerts").findValuesAsText("customer_id")).containsExactly(PLATINUM);
    }

    @Test
    void anActionIsRecordedOnceInElasticsearchAndOnKafkaAndARepeatIsIdempotent() throws Exception {
        ConsoleClient maria = ConsoleClient.loggedIn(console.url(), "maria");
        String alert = alertId(GOLD);
        String actionId = UUID.randomUUID().toString();
        Map<String, Object> ack =
                Map.of("action_id", actionId, "kind", "acknowledge", "alert_revision", 0, "workflow_version", 0);

        ConsoleClient.Answer first = maria.postJson("/api/alerts/" + alert + "/actions", ack);
        ConsoleClient.Answer repeat = maria.postJson("/api/alerts/" + alert + "/actions", ack);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().path("created").asBoolean()).isFalse();
        assertThat(repeat.json().path("action").path("acted_at").asText())
                .isEqualTo(first.json().path("action").path("acted_at").asText());
        JsonNode detail = maria.get("/api/alerts/" + alert).json();
        assertThat(detail.path("actions").findValuesAsText("action_id")).containsExactly(actionId);
        assertThat(detail.path("workflow").path("acknowledged_by").asText()).isEqualTo("maria");
        assertThat(detail.path("state").asText()).isEqualTo("acknowledged");
        List<AlertAction> onKafka = actionsOnKafka(actionId);
        assertThat(onKafka).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertActionKind.ACKNOWLEDGE);
            assertThat(a.getActor()).isEqualTo("maria");
            assertThat(a.getAlertId()).isEqualTo(alert);
        });
    }

    @Test
    void anActionOnAnAlertThatChangedMeanwhileGets409SayingWhatChanged() throws Exception {
        ConsoleClient maria = ConsoleClient.loggedIn(console.url(), "maria");
        ConsoleClient bob = ConsoleClient.loggedIn(console.url(), "bob");
        String alert = alertId(BASIC);
        JsonNode seen = maria.get("/api/alerts/" + alert).json();
        int version = seen.path("workflow_version").asInt();
        ConsoleClient.Answer bobs = bob.postJson(
                "/api/alerts/" + alert + "/actions",
                Map.of(
                        "action_id",
                        UUID.randomUUID().toString(),
                        "kind",
                        "assign",
                        "assignee",
                        "bob",
                        "alert_revision",
                        seen.path("revision").asInt(),
                        "workflow_version",
                        version));
        assertThat(bobs.status()).isEqualTo(201);

        ConsoleClient.Answer marias = maria.postJson(
                "/api/alerts/" + alert + "/actions",
                Map.of(
                        "action_id",
                        UUID.randomUUID().toString(),
                        "kind",
                        "assign",
                        "assignee",
                        "maria",
                        "alert_revision",
                        seen.path("revision").asInt(),
                        "workflow_version",
                        version));

        assertThat(marias.status()).isEqualTo(409);
        assertThat(marias.json().path("changes").get(0).asText()).startsWith("bob recorded assign to bob at ");
        assertThat(marias.json().path("workflow_version").asInt()).isEqualTo(version + 1);

        ConsoleClient.Answer staleRevision = maria.postJson(
                "/api/alerts/" + alertId(PLATINUM) + "/actions",
                Map.of(
                        "action_id",
                        UUID.randomUUID().toString(),
                        "kind",
                        "note",
                        "note",
                        "called, no answer",
                        "alert_revision",
                        0,
                        "workflow_version",
                        0));
        assertThat(staleRevision.status()).isEqualTo(409);
        assertThat(staleRevision.json().path("changes").get(0).asText())
                .isEqualTo("the alert went from revision 0 to 1 (now CRITICAL, FIRING)");
    }

    @Test
    void aBadFieldIsA400NamingIt() throws Exception {
        ConsoleClient maria = ConsoleClient.loggedIn(console.url(), "maria");
        String path = "/api/alerts/" + alertId(GOLD) + "/actions";

        ConsoleClient.Answer badOutcome = maria.postJson(
                path,
                Map.of(
                        "action_id",
                        UUID.randomUUID().toString(),
                        "kind",
                        "resolve",
                        "outcome",
                        "won",
                        "alert_revision",
                        0,
                        "workflow_version",
                        0));
        ConsoleClient.Answer pastSnooze = maria.postJson(
                path,
                Map.of(
                        "action_id",
                        UUID.randomUUID().toString(),
                        "kind",
                        "snooze",
                        "snoozed_until",
                        "2001-01-01T00:00:00Z",
                        "reason",
                        "x",
                        "alert_revision",
                        0,
                        "workflow_version",
                        0));
        ConsoleClient.Answer contactWithoutContact = maria.postJson(
                path,
                Map.of(
                        "action_id",
                        UUID.randomUUID().toString(),
                        "kind",
                        "resolve",
                        "outcome",
                        "no_contact",
                        "contact",
                        "phone",
                        "alert_revision",
                        0,
                        "workflow_version",
                        0));
        ConsoleClient.Answer badFilter = maria.get("/api/alerts?severity=URGENT");

        assertThat(badOutcome.status()).isEqualTo(400);
        assertThat(badOutcome.json().path("field").asText()).isEqualTo("outcome");
        assertThat(badOutcome.json().path("error").asText())
                .isEqualTo("outcome must be one of saved, lost, no_contact, left_respectfully");
        assertThat(pastSnooze.status()).isEqualTo(400);
        assertThat(pastSnooze.json().path("field").asText()).isEqualTo("snoozed_until");
        assertThat(contactWithoutContact.status()).isEqualTo(400);
        assertThat(contactWithoutContact.json().path("field").asText()).isEqualTo("contact");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.json().path("field").asText()).isEqualTo("severity");
    }

    @Test
    void aCustomerWhoLeftRespectfullyComesBackAsAFollowUpAndANotedContactClosesIt() throws Exception {
        // A console of its own with a clock the test moves: a month cannot pass on the shared one.
        MovableClock clock = new MovableClock(Instant.now());
        try (Console later = Console.start(ConsoleSettings.of(
                        stack.kafka().connection(), stack.elasticsearch().connection(), ConsoleFixture.users())
                .withConsumerGroup("console-api-it-follow-up")
                .withClock(clock))) {
            String alert = alertId(RESOLVED);
            ConsoleClient maria = ConsoleClient.loggedIn(later.url(), "maria");
            JsonNode seen = maria.get("/api/alerts/" + alert).json();
            ConsoleClient.Answer left = maria.postJson(
                    "/api/alerts/" + alert + "/actions",
                    Map.of(
                            "action_id",
                            UUID.randomUUID().toString(),
                            "kind",
                            "resolve",
                            "outcome",
                            "left_respectfully",
                            "contact",
                            "phone",
                            "alert_revision",
                            seen.path("revision").asInt(),
                            "workflow_version",
                            seen.path("workflow_version").asInt()));
            Instant leftAt =
                    Instant.parse(left.json().path("action").path("acted_at").asText());

            assertThat(left.status()).isEqualTo(201);
            assertThat(left.json().path("action").path("contact").asText()).isEqualTo("PHONE");
            assertThat(left.json().path("workflow").path("follow_up_due_at").asText())
                    .isEqualTo(leftAt.plus(Duration.ofDays(30)).toString());
            assertThat(maria.get("/api/alerts?state=follow_up_due")
                            .json()
                            .path("total")
                            .asLong())
                    .isZero();

            clock.advance(Duration.ofDays(31));
            // sessions end after 10 idle hours, by the same clock
            maria = ConsoleClient.loggedIn(later.url(), "maria");
            JsonNode due = maria.get("/api/alerts?state=follow_up_due").json();
            JsonNode all = maria.get("/api/alerts").json();

            // the job resolved this alert long ago: the follow-up alone brings it back
            assertThat(due.path("alerts").findValuesAsText("customer_id")).containsExactly(RESOLVED);
            assertThat(due.path("alerts").get(0).path("state").asText()).isEqualTo("follow_up_due");
            assertThat(all.path("alerts").findValuesAsText("customer_id")).contains(RESOLVED);
            assertThat(all.path("facets").path("state").path("follow_up_due").asLong())
                    .isEqualTo(1);

            JsonNode now = maria.get("/api/alerts/" + alert).json();
            ConsoleClient.Answer called = maria.postJson(
                    "/api/alerts/" + alert + "/actions",
                    Map.of(
                            "action_id",
                            UUID.randomUUID().toString(),
                            "kind",
                            "note",
                            "note",
                            "Called to say hello; happy with the new shop, may come back for the winter sale",
                            "contact",
                            "phone",
                            "alert_revision",
                            now.path("revision").asInt(),
                            "workflow_version",
                            now.path("workflow_version").asInt()));

            assertThat(called.status()).isEqualTo(201);
            assertThat(called.json().path("workflow").path("state").asText()).isEqualTo("resolved");
            assertThat(called.json().path("workflow").path("follow_up_done_at").asText())
                    .isEqualTo(called.json().path("action").path("acted_at").asText());
            assertThat(maria.get("/api/alerts?state=follow_up_due")
                            .json()
                            .path("total")
                            .asLong())
                    .isZero();
            assertThat(maria.get("/api/alerts").json().path("alerts").findValuesAsText("customer_id"))
                    .doesNotContain(RESOLVED);

            // the outcome counts under the alert's playbook (none: the job resolved it without a save action)
            JsonNode rows =
                    maria.get("/api/charts").json().path("playbook_outcomes").path("rows");
            JsonNode none = null;
            for (JsonNode row : rows) {
                if (row.path("playbook").asText().equals(PlaybookOutcomes.NO_PLAYBOOK)) {
                    none = row;
                }
            }
            assertThat(none).isNotNull();
            assertThat(none.path("resolved").asInt()).isEqualTo(1);
            assertThat(none.path("left_respectfully").asInt()).isEqualTo(1);
            assertThat(none.path("saved_rate").asDouble()).isZero();
            assertThat(none.path("contacted").asInt()).isEqualTo(1);
            Instant raised = Instant.parse(seen.path("first_seen").asText());
            assertThat(none.path("median_time_to_first_contact_ms").asLong())
                    .isEqualTo(Duration.between(raised, leftAt).toMillis());
            assertThat(none.path("with_callback_by").asInt()).isZero();
            assertThat(none.path("callback_in_time_share").isNull()).isTrue();
        }
    }

    /** A clock the test moves forward; the console reads it for every action and every "now". */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the console works in UTC");
        }
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() throws Exception {
        ConsoleClient maria = ConsoleClient.loggedIn(console.url(), "maria");
        maria.csrf = "not-the-token";

        ConsoleClient.Answer answer = maria.postJson(
                "/api/alerts/" + alertId(GOLD) + "/actions",
                Map.of(
                        "action_id",
                        UUID.randomUUID().toString(),
                        "kind",
                        "acknowledge",
                        "alert_revision",
                        0,
                        "workflow_version",
                        0));
        maria.csrf = null;
        ConsoleClient.Answer form = maria.form("/alerts/" + alertId(GOLD) + "/actions", Map.of("kind", "acknowledge"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("field").asText()).isEqualTo("csrf");
        assertThat(form.status()).isEqualTo(403);
    }

    @Test
    void aViewerCannotActAndAnAgentCannotSilence() throws Exception {
        ConsoleClient vic = ConsoleClient.loggedIn(console.url(), "vic");
        ConsoleClient maria = ConsoleClient.loggedIn(console.url(), "maria");

        ConsoleClient.Answer viewerActs = vic.postJson(
                "/api/alerts/" + alertId(GOLD) + "/actions",
                Map.of(
                        "action_id",
                        UUID.randomUUID().toString(),
                        "kind",
                        "acknowledge",
                        "alert_revision",
                        0,
                        "workflow_version",
                        0));
        ConsoleClient.Answer agentSilences = maria.form(
                "/silences",
                Map.of(
                        "csrf",
                        maria.csrf,
                        "matchers",
                        "customer_id=\"" + GOLD + "\"",
                        "ends_at",
                        "2099-01-01T00:00",
                        "comment",
                        "talking to them"));

        assertThat(viewerActs.status()).isEqualTo(403);
        assertThat(viewerActs.json().path("error").asText()).isEqualTo("this needs the agent role; you are viewer");
        assertThat(agentSilences.status()).isEqualTo(403);
    }

    @Test
    void everythingButTheLoginPageNeedsALogin() throws Exception {
        ConsoleClient stranger = new ConsoleClient(console.url());

        ConsoleClient.Answer api = stranger.get("/api/alerts");
        ConsoleClient.Answer page = stranger.get("/alerts/" + alertId(GOLD));
        ConsoleClient.Answer wrong = stranger.form("/login", Map.of("username", "maria", "password", "guess"));

        assertThat(api.status()).isEqualTo(401);
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.response().headers().firstValue("Location"))
                .hasValue("/login?next=%2Falerts%2F" + alertId(GOLD));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(stranger.get("/api/alerts").status()).isEqualTo(401);
    }

    @Test
    void aLoginFormPostedFromAnotherSiteIsRefusedEvenWithTheRightPassword() throws Exception {
        Map<String, String> rightPassword = Map.of("username", "maria", "password", ConsoleFixture.PASSWORD);
        ConsoleClient victim = new ConsoleClient(console.url());

        ConsoleClient.Answer forged = victim.form(
                "/login", rightPassword, Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
        ConsoleClient.Answer noFetchMetadata =
                victim.form("/login", rightPassword, Map.of("Origin", "https://evil.example"));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains("sent from another site");
        assertThat(forged.response().headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(noFetchMetadata.status()).isEqualTo(403);
        assertThat(noFetchMetadata.body()).contains("https://evil.example, not from this console");
        ConsoleClient.Answer own =
                victim.form("/login", rightPassword, Map.of("Origin", console.url(), "Sec-Fetch-Site", "same-origin"));
        assertThat(own.status()).isEqualTo(302);
    }

    @Test
    void guessingAPasswordIsThrottledAndTheRightOneIsRefusedMeanwhile() throws Exception {
        ConsoleClient guesser = new ConsoleClient(console.url());
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.form("/login", Map.of("username", "lou", "password", "guess-" + i))
                            .status())
                    .isEqualTo(401);
        }

        ConsoleClient.Answer locked =
                guesser.form("/login", Map.of("username", "lou", "password", ConsoleFixture.PASSWORD));

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("Too many failed logins. Try again in 15 minutes.");
        assertThat(locked.response().headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.response().headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(ConsoleClient.loggedIn(console.url(), "maria").get("/api/me").status())
                .as("another user, same address")
                .isEqualTo(200);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndStrictAndNoPageCarriesASecret() throws Exception {
        ConsoleClient c = new ConsoleClient(console.url());
        ConsoleClient.Answer login =
                c.form("/login", Map.of("username", "maria", "password", ConsoleFixture.PASSWORD, "next", "/"));

        String setCookie = login.response().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        String page = c.get("/").body()
                + c.get("/api/alerts").body()
                + c.get("/alerts/" + alertId(PLATINUM)).body();
        assertThat(page)
                .doesNotContain(ConsoleFixture.PASSWORD)
                .doesNotContain("$2a$")
                .doesNotContain("$2y$");
    }

    @Test
    void aHostileCustomerIdIsEscapedEverywhere() throws Exception {
        ConsoleClient vic = ConsoleClient.loggedIn(console.url(), "vic");

        String worklist = vic.get("/").body();
        String customer = vic.get("/alerts/" + alertId(XSS)).body();

        for (String html : List.of(worklist, customer)) {
            assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain(XSS);
        }
        assertThat(customer).doesNotContain("<script>alert(2)</script>").doesNotContain("<b>4</b>");
        assertThat(vic.get("/").response().headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    }

    @Test
    void theCustomerPageShowsRevisionsEvidenceNotificationsAndTheSaveAction() throws Exception {
        ConsoleClient vic = ConsoleClient.loggedIn(console.url(), "vic");
        String alert = alertId(PLATINUM);

        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        vic.get("/api/alerts/" + alert).json().path("revisions").size() == 2);
        JsonNode detail = vic.get("/api/alerts/" + alert).json();

        assertThat(detail.path("revisions").findValuesAsText("severity")).containsExactly("HIGH", "CRITICAL");
        assertThat(detail.path("incidents").findValuesAsText("incidentId"))
                .containsExactlyInAnyOrder("inc-late-1", "inc-callback-1");
        assertThat(detail.path("notifications").findValuesAsText("receiver"))
                .containsExactly("retention-slack", "retention-pager");
        assertThat(detail.path("notifications").get(1).path("attempts").asInt()).isEqualTo(2);
        assertThat(detail.path("save_action").path("compensationMinor").asLong())
                .isEqualTo(2500);
        assertThat(detail.path("complaint_trend").has("delivery")).isTrue();
        String page = vic.get("/alerts/" + alert).body();
        assertThat(page).contains("EUR 25.00", "inc-callback-1-ev-a", "retention-pager", "15% off the next order");
    }

    @Test
    void theComplaintsReportCountsEachCategoryPerIsoWeekWithTheChangeTheSpikeDaysAndTheSpikesOwner() throws Exception {
        ConsoleClient vic = ConsoleClient.loggedIn(console.url(), "vic");
        LocalDate yesterday = ConsoleFixture.YESTERDAY;
        int daysThisWeek = yesterday.getDayOfWeek().getValue();

        JsonNode report = vic.get("/api/complaints").json();

        assertThat(report.path("through").asText()).isEqualTo(yesterday.toString());
        assertThat(report.path("weeks")).hasSize(8);
        assertThat(report.path("weeks").get(7).path("week").asText()).isEqualTo(ComplaintWeeks.isoWeek(yesterday));
        List<String> categories = new ArrayList<>();
        report.path("categories").forEach(c -> categories.add(c.path("category").asText()));
        assertThat(categories).containsExactly("delivery", "billing", "returns");
        JsonNode delivery = report.path("categories").get(0);
        JsonNode thisWeek = delivery.path("weeks").get(7);
        assertThat(thisWeek.path("tickets").asInt()).isEqualTo(3 * (daysThisWeek - 1) + 41);
        assertThat(thisWeek.path("change").asInt()).isEqualTo(3 * (daysThisWeek - 1) + 41 - 21);
        assertThat(thisWeek.path("spike_days")).hasSize(1);
        assertThat(thisWeek.path("spike_days").get(0).asText()).isEqualTo(yesterday.toString());
        assertThat(delivery.path("weeks").get(0).path("tickets").asInt()).isEqualTo(21);
        assertThat(delivery.path("weeks").get(0).path("change").asInt())
                .as("against the week before the report")
                .isZero();
        assertThat(delivery.path("open_spikes")).hasSize(1);
        assertThat(delivery.path("open_spikes").get(0).path("alert_id").asText())
                .isEqualTo(ConsoleFixture.SPIKE_ALERT);
        assertThat(delivery.path("open_spikes").get(0).path("owner").asText()).isEqualTo("support operations lead");
        JsonNode returns = report.path("categories").get(2).path("weeks").get(7);
        assertThat(returns.path("tickets").asInt()).isEqualTo(daysThisWeek);
        assertThat(returns.path("change_percent").isNull())
                .as("up from a week without any")
                .isTrue();
        assertThat(report.path("shop").path("weeks").get(6).path("tickets").asInt())
                .isEqualTo(7 * 3 + 7 * 2);

        String page = vic.get("/complaints").body();
        assertThat(page)
                .contains("Weekly complaint review", "support operations lead", "href=\"/complaints\" class=\"on\"")
                .contains("id=\"complaints-chart\"", "/alerts/" + ConsoleFixture.SPIKE_ALERT);
    }

    private List<AlertAction> actionsOnKafka(String actionId) {
        Map<String, Object> props = new HashMap<>(stack.kafka().clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "console-api-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<AlertAction> found = new ArrayList<>();
        try (KafkaConsumer<String, AlertAction> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new AvroDeserializer<>(AlertAction.class))) {
            consumer.subscribe(List.of(Topics.CHURN_ACTIONS.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.value().getActionId().equals(actionId)) {
                        found.add(r.value());
                    }
                });
                return !found.isEmpty();
            });
            // anything more for this id would have come in the same batch or the next poll
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> {
                if (r.value().getActionId().equals(actionId)) {
                    found.add(r.value());
                }
            });
        }
        return found;
    }
}
