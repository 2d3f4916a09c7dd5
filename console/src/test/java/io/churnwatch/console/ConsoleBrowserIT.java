package io.churnwatch.console;

import static io.churnwatch.console.ConsoleFixture.BASIC;
import static io.churnwatch.console.ConsoleFixture.GOLD;
import static io.churnwatch.console.ConsoleFixture.PLATINUM;
import static io.churnwatch.console.ConsoleFixture.XSS;
import static io.churnwatch.console.ConsoleFixture.alertId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.churnwatch.alerting.notify.AlertText;
import io.churnwatch.alerting.silence.Silence;
import io.churnwatch.alerting.silence.SilenceCodec;
import io.churnwatch.devstack.DevStack;
import io.churnwatch.devstack.WithDevStack;
import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertActionKind;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.jobs.index.AlertDocuments;
import io.churnwatch.schemas.kafka.AvroDeserializer;
import io.churnwatch.schemas.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's chromium and chromium-driver), driven by
 * Selenium, on a real Elasticsearch node and Kafka broker. Skips when chromedriver is not installed.
 */
@WithDevStack
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private DevStack stack;
    private Console console;
    private WebDriver browser;

    @BeforeAll
    void start(DevStack stack) throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver); skipping");
        this.stack = stack;
        ConsoleFixture.seed(stack);
        ConsoleFixture.more(stack, 28);
        console = Console.start(ConsoleSettings.of(
                        stack.kafka().connection(), stack.elasticsearch().connection(), ConsoleFixture.users())
                .withConsumerGroup("console-browser-it"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1000", "--lang=en");
        // The driver named explicitly, so Selenium Manager never tries to download one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
    }

    @BeforeEach
    void loggedOut() {
        if (browser != null) {
            browser.manage().deleteAllCookies();
        }
    }

    @Test
    void everyPageNeedsALoginAndTheLoginReturnsToIt() {
        browser.get(console.url() + "/alerts/" + alertId(GOLD));
        assertThat(browser.getCurrentUrl()).startsWith(console.url() + "/login");

        login("maria", "wrong password, this");
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("Wrong user name or password.");

        login("maria", ConsoleFixture.PASSWORD);
        assertThat(browser.getCurrentUrl()).isEqualTo(console.url() + "/alerts/" + alertId(GOLD));
        assertThat(browser.findElement(By.id("customer")).getText()).isEqualTo(GOLD);
    }

    @Test
    void theWorklistIsInPriorityOrderAndAFilterNarrowsIt() throws Exception {
        open("/", "vic");
        List<Double> priorities = priorities();
        assertThat(priorities).hasSizeGreaterThan(10).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        List<String> customers = rows().stream()
                .map(r -> r.findElement(By.cssSelector("a.customer")).getText())
                .toList();
        assertThat(customers.indexOf(PLATINUM)).isNotNegative().isLessThan(customers.indexOf(GOLD));
        screenshot("worklist.png");

        browser.findElement(By.cssSelector("a.facet[data-facet='tier'][data-value='PLATINUM']"))
                .click();

        assertThat(browser.getCurrentUrl()).endsWith("/?tier=PLATINUM");
        List<WebElement> platinum = rows();
        assertThat(platinum).isNotEmpty().hasSizeLessThan(priorities.size());
        assertThat(platinum)
                .allSatisfy(
                        r -> assertThat(r.findElement(By.cssSelector(".tier")).getText())
                                .isEqualToIgnoringCase("platinum"));
        assertThat(priorities()).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void aNewAlertAppearsWithoutAReload() throws Exception {
        open("/", "vic");
        ((JavascriptExecutor) browser).executeScript("window.cwSamePage = 'yes';");
        ChurnAlert fresh = ConsoleFixture.alert(
                "c-fresh-9",
                CustomerTier.PLATINUM,
                AlertSeverity.CRITICAL,
                99_999,
                9.9,
                0,
                List.of(),
                AlertStatus.FIRING,
                ConsoleFixture.save("platinum-personal-save", null, 4000L));
        ConsoleFixture.put(restClient(), new AlertDocuments().toDocument(fresh));

        await().atMost(Duration.ofSeconds(15))
                .ignoreExceptions()
                .until(() -> rows().get(0)
                        .findElement(By.cssSelector("a.customer"))
                        .getText()
                        .equals("c-fresh-9"));
        // the same page, not a reload: a reload would have dropped the marker
        assertThat(((JavascriptExecutor) browser).executeScript("return window.cwSamePage;"))
                .isEqualTo("yes");
    }

    @Test
    void aDashboardLinkFromANotificationOpensTheRightCustomer() throws Exception {
        ChurnAlert alert = ConsoleFixture.alert(
                PLATINUM,
                CustomerTier.PLATINUM,
                AlertSeverity.CRITICAL,
                950,
                9.5,
                1,
                List.of(),
                AlertStatus.FIRING,
                null);
        // the link every channel puts in its message, from the routing file's dashboard_url_template
        String link = AlertText.link(console.url() + "/alerts/{alert_id}", alert);

        browser.get(link);
        login("maria", ConsoleFixture.PASSWORD);

        assertThat(browser.getCurrentUrl()).isEqualTo(link);
        assertThat(browser.findElement(By.id("customer")).getText()).isEqualTo(PLATINUM);
        assertThat(browser.findElement(By.id("save-action")).getText()).contains("platinum-personal-save", "EUR 25.00");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("retention-pager", "inc-callback-1-ev-a");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            browser.navigate().refresh();
            return browser.findElements(By.cssSelector("#revisions tbody tr")).size() == 2;
        });
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1750));
        browser.navigate().refresh();
        browser.findElement(By.cssSelector("#severity-chart canvas"));
        screenshot("customer.png");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1000));
    }

    @Test
    void anAcknowledgementShowsAfterAReloadAndIsInElasticsearchAndOnKafka() throws Exception {
        open("/alerts/" + alertId(BASIC), "maria");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("new");

        clickAndWait(By.id("acknowledge"));
        browser.navigate().refresh();

        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("acknowledged");
        assertThat(browser.findElement(By.id("activity")).getText()).contains("maria acknowledge");
        JsonNode hits = searchActions(alertId(BASIC));
        assertThat(hits.findValuesAsText("kind")).containsExactly("ACKNOWLEDGE");
        assertThat(hits.findValuesAsText("actor")).containsExactly("maria");
        String actionId = hits.get(0).path("action_id").asText();
        assertThat(actionsOnKafka(actionId)).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertActionKind.ACKNOWLEDGE);
            assertThat(a.getAlertId()).isEqualTo(alertId(BASIC));
        });
    }

    @Test
    void aHostileCustomerIdRendersAsText() throws Exception {
        open("/?q=" + java.net.URLEncoder.encode("o-<b>4</b>", java.nio.charset.StandardCharsets.UTF_8), "vic");
        // the search refuses markup with a 400 naming q: checked, not executed
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("q is a customer, order, ticket or alert id");

        open("/?size=100", "vic");
        List<String> customers = rows().stream()
                .map(r -> r.findElement(By.cssSelector("a.customer")).getText())
                .toList();
        assertThat(customers).contains(XSS);
        assertThat(browser.findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

        browser.get(console.url() + "/alerts/" + alertId(XSS));
        assertThat(browser.findElement(By.id("customer")).getText()).isEqualTo(XSS);
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("<script>alert(2)</script>");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("o-<b>4</b>");
        assertThat(browser.findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void aConcurrentChangeIsShownAsA409InsteadOfOverwritten() throws Exception {
        open("/alerts/" + alertId(GOLD), "maria");
        JsonNode seen = ConsoleClient.loggedIn(console.url(), "bob")
                .get("/api/alerts/" + alertId(GOLD))
                .json();
        ConsoleClient bob = ConsoleClient.loggedIn(console.url(), "bob");
        ConsoleClient.Answer bobs = bob.postJson(
                "/api/alerts/" + alertId(GOLD) + "/actions",
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
                        seen.path("workflow_version").asInt()));
        assertThat(bobs.status()).isEqualTo(201);

        browser.findElement(By.id("assign-me")).click();

        WebElement conflict = browser.findElement(By.id("conflict"));
        assertThat(conflict.getText()).contains("this alert changed since you opened it", "bob recorded assign to bob");
        assertThat(browser.findElement(By.id("assignee")).getText()).isEqualTo("bob");
    }

    @Test
    void anAdminPreviewsCreatesAndExpiresASilenceOnChurnSilences() throws Exception {
        open("/silences", "ada");
        browser.findElement(By.id("matchers")).sendKeys("customer_id=\"" + GOLD + "\"");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('ends-at').value = '2099-01-01T00:00';");
        browser.findElement(By.id("comment")).sendKeys("account team already in touch");

        clickAndWait(By.id("preview"));
        assertThat(browser.findElement(By.id("preview-list")).getText())
                .contains(GOLD)
                .doesNotContain(PLATINUM);
        clickAndWait(By.id("create-silence"));

        assertThat(browser.findElement(By.id("silences")).getText())
                .contains("customer_id=\"" + GOLD + "\"", "ada", "account team already in touch");
        Silence written = silencesOnKafka().stream()
                .filter(s -> s.comment().equals("account team already in touch"))
                .findFirst()
                .orElseThrow();
        assertThat(written.matchers()).hasToString("[customer_id=\"" + GOLD + "\"]");
        assertThat(written.createdBy()).isEqualTo("ada");

        browser.findElement(By.cssSelector("#silences button")).click();
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> browser.findElement(By.id("silences")).getText().contains("expired"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> silencesOnKafka().stream()
                        .filter(s -> s.id().equals(written.id()))
                        .anyMatch(s -> !s.endsAt().isAfter(java.time.Instant.now())));
    }

    @Test
    void theComplaintsPageDrawsTheWeeklyReviewFromTheJudgedDays() throws Exception {
        open("/complaints", "vic");

        assertThat(browser.findElements(By.cssSelector("#complaints-chart canvas")))
                .isNotEmpty();
        // the shop-wide row, then delivery (the most tickets), billing and returns
        assertThat(browser.findElements(By.cssSelector("#complaints-table tbody tr")))
                .extracting(row -> row.getAttribute("data-category"))
                .containsExactly("", "delivery", "billing", "returns");
        assertThat(browser.findElement(By.cssSelector("#complaints-table tr[data-category='delivery']"))
                        .getText())
                .contains(ConsoleFixture.YESTERDAY.toString(), "support operations lead");
        assertThat(browser.findElement(By.cssSelector("header nav a.on")).getText())
                .isEqualTo("Complaints");
        screenshot("complaints.png");
    }

    @Test
    void theChartsDrawFromTheIndices() throws Exception {
        ConsoleClient maria = ConsoleClient.loggedIn(console.url(), "maria");
        String[] outcomes = {"saved", "saved", "lost", "no_contact", "left_respectfully", "saved"};
        JsonNode page = maria.get("/api/alerts?tier=STANDARD,GOLD&size=100").json();
        for (int i = 0; i < outcomes.length && i < page.path("alerts").size(); i++) {
            JsonNode a = page.path("alerts").get(i);
            assertThat(maria.postJson(
                                    "/api/alerts/" + a.path("alert_id").asText() + "/actions",
                                    Map.of(
                                            "action_id",
                                            UUID.randomUUID().toString(),
                                            "kind",
                                            "resolve",
                                            "outcome",
                                            outcomes[i],
                                            "alert_revision",
                                            a.path("revision").asInt(),
                                            "workflow_version",
                                            a.path("workflow_version").asInt()))
                            .status())
                    .isEqualTo(201);
        }

        open("/charts", "vic");

        for (String id :
                List.of("chart-alerts", "chart-incidents", "chart-complaints", "chart-outcomes", "chart-saved-rate")) {
            assertThat(browser.findElements(By.cssSelector("#" + id + " canvas")))
                    .as(id)
                    .isNotEmpty();
        }
        JsonNode charts =
                ConsoleClient.loggedIn(console.url(), "vic").get("/api/charts").json();
        assertThat(charts.path("outcomes_per_playbook")
                        .path("series")
                        .path("SAVED")
                        .toString())
                .contains("1");
        int resolved = Math.min(outcomes.length, page.path("alerts").size());
        int counted = 0;
        for (JsonNode row : charts.path("playbook_outcomes").path("rows")) {
            counted += row.path("resolved").asInt();
        }
        assertThat(counted).isEqualTo(resolved);
        assertThat(browser.findElements(By.cssSelector("#playbook-outcomes-table tbody tr")))
                .hasSize(charts.path("playbook_outcomes").path("rows").size());
        assertThat(browser.findElement(By.id("playbook-outcomes")).getText())
                .contains("Saved rate", "saved ÷ (saved + lost + left respectfully)");
        screenshot("charts.png");
    }

    // ------------------------------------------------------------------ helpers

    private List<Silence> silencesOnKafka() {
        Map<String, Object> props = new HashMap<>(stack.kafka().clientProperties());
        List<Silence> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                props, new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            org.apache.kafka.common.TopicPartition p =
                    new org.apache.kafka.common.TopicPartition(Topics.CHURN_SILENCES.name(), 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            long end = consumer.endOffsets(List.of(p)).get(p);
            while (consumer.position(p) < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> found.add(SilenceCodec.fromJson(r.value())));
            }
        }
        return found;
    }

    private void open(String path, String user) {
        browser.get(console.url() + path);
        if (browser.getCurrentUrl().startsWith(console.url() + "/login")) {
            login(user, ConsoleFixture.PASSWORD);
        }
    }

    /** Clicks something that loads a new page and waits until the old one is gone. */
    private void clickAndWait(By what) {
        WebElement element = browser.findElement(what);
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(element));
    }

    private void login(String user, String password) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        // The login page may still be replacing itself (a redirect lands on it): fill the form again
        // when an element turns out to belong to the page that just went away.
        wait.ignoring(StaleElementReferenceException.class)
                .ignoring(WebDriverException.class)
                .until(d -> {
                    WebElement name = d.findElement(By.id("username"));
                    name.clear();
                    name.sendKeys(user);
                    WebElement secret = d.findElement(By.id("password"));
                    secret.clear();
                    secret.sendKeys(password);
                    return true;
                });
        WebElement button = browser.findElement(By.id("login"));
        button.click();
        // the next page, whichever it is, before anything else looks at the browser
        wait.until(ExpectedConditions.stalenessOf(button));
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#worklist tbody tr[data-alert-id]"));
    }

    private List<Double> priorities() {
        return rows().stream()
                .map(r -> Double.parseDouble(r.getAttribute("data-priority")))
                .toList();
    }

    private void screenshot(String name) throws Exception {
        String dir = System.getProperty("churnwatch.console.screenshots");
        if (dir == null) {
            return;
        }
        Path target = Path.of(dir).resolve(name);
        Files.createDirectories(target.getParent());
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private org.elasticsearch.client.RestClient restClient() {
        return ((co.elastic.clients.transport.rest_client.RestClientTransport)
                        stack.elasticsearch().client()._transport())
                .restClient();
    }

    private JsonNode searchActions(String alertId) throws Exception {
        org.elasticsearch.client.Request request =
                new org.elasticsearch.client.Request("POST", "/churn-actions/_search");
        request.setJsonEntity("{\"query\":{\"term\":{\"alert_id\":\"" + alertId + "\"}}}");
        try (var in = restClient().performRequest(request).getEntity().getContent()) {
            JsonNode hits = Json.MAPPER.readTree(in).path("hits").path("hits");
            List<JsonNode> sources = new ArrayList<>();
            hits.forEach(h -> sources.add(h.path("_source")));
            return Json.MAPPER.valueToTree(sources);
        }
    }

    private List<AlertAction> actionsOnKafka(String actionId) {
        Map<String, Object> props = new HashMap<>(stack.kafka().clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "console-browser-it-" + UUID.randomUUID());
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
        }
        return found;
    }
}
