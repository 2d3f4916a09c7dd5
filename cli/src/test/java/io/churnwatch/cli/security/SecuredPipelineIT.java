package io.churnwatch.cli.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.connect.KafkaConnectionCheck;
import io.churnwatch.console.Console;
import io.churnwatch.console.ConsoleSettings;
import io.churnwatch.console.Role;
import io.churnwatch.console.UsersFile;
import io.churnwatch.devstack.SecuredStack;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.generator.EventPump;
import io.churnwatch.generator.GeneratorConfig;
import io.churnwatch.generator.KafkaEventSink;
import io.churnwatch.generator.Pace;
import io.churnwatch.generator.Pacer;
import io.churnwatch.generator.ShopGenerator;
import io.churnwatch.jobs.JobSettings;
import io.churnwatch.jobs.LiveChurnJob;
import io.churnwatch.jobs.index.IndexTemplates;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.notifyjob.NotifyJob;
import io.churnwatch.notifyjob.NotifySettings;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.kafka.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline against a secured Kafka (SASL_SSL, SCRAM-SHA-512) and a secured
 * Elasticsearch (HTTPS, no anonymous access): the detection job indexes with basic auth, the
 * notify job and the console use the API key (basic auth too on the integ-test zip, which cannot
 * store API keys), every credential by file reference. Then clients
 * with no or wrong credentials are refused with a message that says why, and every place a secret
 * could leak (the run's log, the churn-* documents, the dead-letter payloads, what Flink's REST
 * API shows of the jobs and the JobManager, the serialized job graphs, the refusals' exceptions)
 * is scanned for every configured secret.
 */
@Timeout(value = 900, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SecuredPipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONSOLE_PASSWORD = "secured-it-console-1";
    /** Inline in the routing file on purpose: the strictest case, a secret the notify job holds in clear. */
    private static final String WEBHOOK_SECRET = "whsec_"
            + Base64.getEncoder()
                    .encodeToString(("secured-it-signing-key-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));

    private static SecuredStack stack;
    private static MiniCluster flink;
    private static Path logFile;
    private static FileAppender appender;
    private static Level rootLevelBefore;
    private static Map<String, Appender> rootAppendersBefore;

    @TempDir
    Path dir;

    private final List<JsonNode> deliveries = new CopyOnWriteArrayList<>();
    /** Every text that must not hold a secret, by where it came from. */
    private final Map<String, String> scanned = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        logEverythingToAFile();
        stack = SecuredStack.start();
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0");
        flink = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(4)
                .build());
        flink.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (flink != null) {
                flink.close();
            }
        } finally {
            try {
                if (stack != null) {
                    stack.close();
                }
            } finally {
                restoreLogging();
            }
        }
    }

    @Test
    void detectionNotifyAndConsoleWorkOnTheSecuredStackAndNoSecretLeaks() throws Exception {
        KafkaConnection kafka = stack.kafka().connection();
        ElasticsearchConnection basic = stack.elasticsearch().connection();
        // The integ-test zip cannot store API keys (see SecuredStack.apiKeyProblem); then basic auth.
        ElasticsearchConnection apiKey = stack.elasticsearchWithApiKey().orElse(basic);
        System.out.printf(
                "SecuredPipelineIT: notify job and console authenticate to Elasticsearch with %s%n",
                apiKey == basic ? "basic auth (no API key: " + stack.apiKeyProblem() + ")" : "the API key");
        stack.kafka().createPipelineTopics();

        // Given a small shop's history and one garbage record on the secured broker
        ShopGenerator shop = new ShopGenerator(
                GeneratorConfig.defaults().withSeed(7).withCustomers(300).withTotalOrders(600));
        try (KafkaEventSink sink = KafkaEventSink.create(kafka.clientProperties())) {
            EventPump.pump(shop, Pacer.of(Pace.asFastAsPossible()), sink);
        }
        try (var producer =
                new KafkaProducer<>(kafka.toProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.ORDERS.name(),
                            "poison".getBytes(StandardCharsets.UTF_8),
                            "garbage on a secured broker".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        Instant end = shop.lastEventTime();

        // When the detection job runs over it, indexing with basic auth
        JobSettings settings = new JobSettings(
                kafka, basic, "secured-it", RulesParser.defaults(), Watermarks.replay(), Duration.ofSeconds(1), end);
        LiveChurnJob.prepareElasticsearch(settings);
        StreamExecutionEnvironment detectionEnv = StreamExecutionEnvironment.getExecutionEnvironment();
        detectionEnv.setParallelism(2);
        LiveChurnJob.build(detectionEnv, settings);
        JobGraph detection = detectionEnv.getStreamGraph().getJobGraph();
        scanned.put("detection job graph (serialized)", serialized(detection));
        flink.submitJob(detection).get(2, TimeUnit.MINUTES);
        scanFlinkRest(detection.getJobID(), "detection");
        assertThat(flink.requestJobResult(detection.getJobID())
                        .get(6, TimeUnit.MINUTES)
                        .getApplicationStatus())
                .as("detection job")
                .hasToString("SUCCEEDED");

        // Then its alerts are on churn-alerts and in Elasticsearch
        Map<String, ChurnAlert> alerts = latestAlerts(kafka);
        assertThat(alerts).as("alerts on churn-alerts").isNotEmpty();
        ElasticsearchClient es = stack.elasticsearch().client();
        es.indices().refresh(r -> r.index(IndexTemplates.ALERTS_INDEX));
        Set<String> indexed = new HashSet<>();
        es.search(s -> s.index(IndexTemplates.ALERTS_INDEX).size(10_000), JsonNode.class)
                .hits()
                .hits()
                .forEach(h -> indexed.add(h.source().path("alert_id").asText()));
        assertThat(indexed).as("alerts in Elasticsearch").isEqualTo(alerts.keySet());

        // When the notify job delivers them, with the API key, to a webhook
        HttpServer receiver = receiver();
        Path routing = Files.writeString(
                dir.resolve("routing.yml"), """
                route:
                  receiver: crm-webhook
                  group_by: [customer_id]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: crm-webhook
                    webhook:
                      url: http://127.0.0.1:%d/webhook
                      secret: %s
                """.formatted(receiver.getAddress().getPort(), WEBHOOK_SECRET));
        StreamExecutionEnvironment notifyEnv = StreamExecutionEnvironment.getExecutionEnvironment();
        notifyEnv.setParallelism(1);
        NotifyJob.build(
                notifyEnv, NotifySettings.of(routing.toString(), kafka, apiKey), "secured-it", Duration.ofSeconds(1));
        JobGraph notify = notifyEnv.getStreamGraph().getJobGraph();
        scanned.put("notify job graph (serialized, Kafka and Elasticsearch secrets only)", serialized(notify));
        flink.submitJob(notify).get(2, TimeUnit.MINUTES);
        UsersFile users = UsersFile.of(UsersFile.line("maria", Role.AGENT, CONSOLE_PASSWORD.toCharArray()));
        try (Console console =
                Console.start(ConsoleSettings.of(kafka, apiKey, users).withPort("127.0.0.1", 0))) {
            // Then a signed notification arrives
            try {
                await().atMost(Duration.ofMinutes(4))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> !deliveries.isEmpty());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(
                        "no notification delivered; notify job "
                                + flink.getJobStatus(notify.getJobID()).get() + "; log tail:\n" + tail(logFile),
                        e);
            }
            assertThat(deliveries.get(0).path("alerts").size()).isPositive();
            scanFlinkRest(notify.getJobID(), "notify");

            // And the console's worklist, read through the API key, shows the alerts
            String worklist = consoleWorklist(console.url());
            assertThat(alerts.keySet()).anySatisfy(id -> assertThat(worklist).contains(id));
        } finally {
            flink.cancelJob(notify.getJobID()).get(1, TimeUnit.MINUTES);
            receiver.stop(0);
        }

        // And clients without, or with wrong, credentials are refused, saying why
        refusals();

        // And no secret is anywhere a secret must not be
        scanned.put("Elasticsearch documents of churn-*", allDocuments());
        scanned.put("dead-letter topics' payloads", deadLetterPayloads(kafka));
        scanned.put("the run's log (" + logFile + ")", Files.readString(logFile, StandardCharsets.UTF_8));
        Map<String, String> secrets = secretsAndTheirEncodings();
        List<String> leaks = new ArrayList<>();
        scanned.forEach((where, text) -> secrets.forEach((name, value) -> {
            boolean graphOnly = where.startsWith("notify job graph") && name.startsWith("webhook");
            if (!graphOnly && text.contains(value)) {
                leaks.add(name + " in " + where);
            }
        }));
        scanned.forEach(
                (where, text) -> System.out.printf("SecuredPipelineIT scanned %,d chars: %s%n", text.length(), where));
        System.out.printf(
                "SecuredPipelineIT: %d alerts, %d deliveries, %d secret forms scanned for in %d places%n",
                alerts.size(), deliveries.size(), secrets.size(), scanned.size());
        assertThat(leaks).as("secrets found").isEmpty();
        assertThat(scanned.get("dead-letter topics' payloads"))
                .as("the garbage record was dead-lettered")
                .contains("garbage on a secured broker");
    }

    private void refusals() throws Exception {
        String bootstrap = stack.kafka().bootstrapServers();
        // No credentials: the broker speaks only SASL_SSL, so a plaintext client hears nothing.
        assertThatThrownBy(
                        () -> KafkaConnectionCheck.verify(KafkaConnection.plaintext(bootstrap), Duration.ofSeconds(15)))
                .satisfies(e -> scanned.put("Kafka refusal without credentials", stackTrace(e)))
                .hasMessageContaining("Kafka at " + bootstrap + " did not accept a connection")
                .hasMessageContaining("security.protocol PLAINTEXT and no credentials")
                .hasMessageContaining(KafkaConnection.SECURITY_PROTOCOL);
        // A wrong password: refused, naming the user and what to check.
        Path wrong = stack.writeFile("wrong-password", "wrong-password-" + System.nanoTime());
        String wrongPassword = Files.readString(wrong);
        assertThatThrownBy(() ->
                        KafkaConnectionCheck.verify(stack.kafkaAs(SecuredStack.USER, wrong), Duration.ofSeconds(30)))
                .satisfies(e -> scanned.put("Kafka refusal with a wrong password", stackTrace(e)))
                .hasMessageContaining("refused user " + SecuredStack.USER + " (SCRAM-SHA-512): authentication failed")
                .hasMessageContaining(KafkaConnection.SASL_PASSWORD)
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(wrongPassword));
        // The right credentials pass the same check.
        KafkaConnectionCheck.verify(stack.kafka().connection(), Duration.ofSeconds(60));

        ElasticsearchClient anonymous = stack.elasticsearchAs(null, null).createClient();
        ElasticsearchClient wrongUser =
                stack.elasticsearchAs(SecuredStack.USER, wrong).createClient();
        try {
            assertThatThrownBy(() -> anonymous.cluster().health())
                    .satisfies(e -> scanned.put("Elasticsearch refusal without credentials", stackTrace(e)))
                    .hasMessageContaining("missing authentication credentials");
            assertThatThrownBy(() -> wrongUser.cluster().health())
                    .satisfies(e -> scanned.put("Elasticsearch refusal with a wrong password", stackTrace(e)))
                    .hasMessageContaining("unable to authenticate user [" + SecuredStack.USER + "]")
                    .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(wrongPassword));
        } finally {
            ElasticsearchConnection.close(anonymous);
            ElasticsearchConnection.close(wrongUser);
        }
    }

    /** What Flink's REST API (and so its web UI) shows of a job and of the JobManager. */
    private void scanFlinkRest(JobID job, String name) throws Exception {
        URI rest = flink.getRestAddress().get(1, TimeUnit.MINUTES);
        HttpClient http = HttpClient.newHttpClient();
        for (String path :
                List.of("/jobs/" + job + "/config", "/jobs/" + job, "/jobs/" + job + "/plan", "/jobmanager/config")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(rest.resolve(path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            scanned.put("Flink REST " + path.replace(job.toString(), name + "-job"), response.body());
        }
    }

    private String consoleWorklist(String base) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String form =
                "username=maria&password=" + URLEncoder.encode(CONSOLE_PASSWORD, StandardCharsets.UTF_8) + "&next=%2F";
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("console login").isEqualTo(302);
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .map(c -> c.split(";", 2)[0])
                .filter(c -> !c.endsWith("="))
                .collect(Collectors.joining("; "));
        HttpResponse<String> worklist = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/alerts"))
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(worklist.statusCode()).as(worklist.body()).isEqualTo(200);
        scanned.put("console worklist", worklist.body());
        return worklist.body();
    }

    private HttpServer receiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhook", exchange -> {
            try (exchange) {
                deliveries.add(JSON.readTree(exchange.getRequestBody()));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        return server;
    }

    private static String allDocuments() throws IOException {
        RestClient rest = ((RestClientTransport) stack.elasticsearch().client()._transport()).restClient();
        rest.performRequest(new Request("POST", "/churn-*/_refresh"));
        Request search = new Request("GET", "/churn-*/_search?size=10000&expand_wildcards=all");
        return new String(rest.performRequest(search).getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Every record of every dead-letter topic, key and value, as text. */
    private static String deadLetterPayloads(KafkaConnection kafka) throws Exception {
        List<String> topics;
        try (Admin admin = Admin.create(new HashMap<String, Object>(kafka.clientProperties()))) {
            topics = admin.listTopics().names().get(1, TimeUnit.MINUTES).stream()
                    .filter(t -> t.contains("dlq") || t.contains("dead"))
                    .sorted()
                    .toList();
        }
        assertThat(topics).contains(Topics.CHURN_DLQ.name());
        StringBuilder all = new StringBuilder();
        for (String topic : topics) {
            for (ConsumerRecord<byte[], byte[]> r : readAll(kafka, topic)) {
                all.append(topic).append(' ');
                if (r.key() != null) {
                    all.append(new String(r.key(), StandardCharsets.UTF_8)).append(' ');
                }
                if (r.value() != null) {
                    all.append(new String(r.value(), StandardCharsets.UTF_8));
                }
                r.headers().forEach(h -> all.append(' ').append(new String(h.value(), StandardCharsets.UTF_8)));
                all.append('\n');
            }
        }
        return all.toString();
    }

    private static Map<String, ChurnAlert> latestAlerts(KafkaConnection kafka) {
        AvroCodec<ChurnAlert> codec = AvroCodec.of(ChurnAlert.class);
        Map<String, ChurnAlert> latest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(kafka, Topics.CHURN_ALERTS.name())) {
            ChurnAlert alert = codec.decode(r.value());
            latest.merge(alert.getAlertId(), alert, (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
        }
        return latest;
    }

    /** Everything committed to {@code topic} so far; the stack is this test's own. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConnection kafka, String topic) {
        Properties props = kafka.toProperties();
        props.put("isolation.level", "read_committed");
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofMinutes(1)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofMinutes(1));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * Each secret as configured, and the forms a client sends it in: the basic-auth header's base64
     * of {@code user:password}, and the API key's own secret half inside its encoded form.
     */
    private static Map<String, String> secretsAndTheirEncodings() {
        Map<String, String> secrets = new LinkedHashMap<>(stack.secrets());
        String esPassword = secrets.get("Elasticsearch password");
        secrets.put(
                "Elasticsearch basic-auth header",
                Base64.getEncoder()
                        .encodeToString((SecuredStack.USER + ":" + esPassword).getBytes(StandardCharsets.UTF_8)));
        if (secrets.containsKey("Elasticsearch API key")) {
            String decodedKey = new String(
                    Base64.getDecoder().decode(secrets.get("Elasticsearch API key")), StandardCharsets.UTF_8);
            secrets.put("Elasticsearch API key (secret half)", decodedKey.substring(decodedKey.indexOf(':') + 1));
        }
        secrets.put("webhook secret", WEBHOOK_SECRET);
        secrets.put("webhook secret (key bytes, base64)", WEBHOOK_SECRET.substring("whsec_".length()));
        secrets.put("console password", CONSOLE_PASSWORD);
        return secrets;
    }

    private static String serialized(JobGraph graph) throws IOException {
        // ISO-8859-1 maps every byte to one char, so an ASCII secret inside shows as itself.
        return new String(InstantiationUtil.serializeObject(graph), StandardCharsets.ISO_8859_1);
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /**
     * Everything at INFO and above, from every logger of this JVM (the broker, the Flink
     * MiniCluster, the Kafka and Elasticsearch clients, ChurnWatch), into one file, while the
     * console stays as quiet as the build's log configuration makes it.
     */
    private static void logEverythingToAFile() throws IOException {
        Path target = Path.of("target");
        logFile = (Files.isDirectory(target) ? target : Files.createTempDirectory("secured-it"))
                .resolve("secured-pipeline-it.log")
                .toAbsolutePath();
        Files.deleteIfExists(logFile);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        var config = context.getConfiguration();
        appender = FileAppender.newBuilder()
                .setName("secrets-scan")
                .withFileName(logFile.toString())
                .setLayout(PatternLayout.newBuilder()
                        .withPattern("%d{HH:mm:ss.SSS} %-5level [%t] %c - %msg%n%throwable")
                        .build())
                .build();
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        rootLevelBefore = root.getLevel();
        rootAppendersBefore = new HashMap<>(root.getAppenders());
        // The console appenders stay at the level they had; only the file hears INFO.
        rootAppendersBefore.keySet().forEach(root::removeAppender);
        rootAppendersBefore.values().forEach(a -> root.addAppender(a, rootLevelBefore, null));
        root.addAppender(appender, Level.INFO, null);
        root.setLevel(Level.INFO);
        config.getLoggers().values().forEach(logger -> {
            if (logger != root) {
                logger.addAppender(appender, Level.INFO, null);
            }
        });
        context.updateLoggers();
    }

    private static void restoreLogging() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        var config = context.getConfiguration();
        config.getLoggers().values().forEach(logger -> logger.removeAppender(appender.getName()));
        LoggerConfig root = config.getRootLogger();
        root.removeAppender(appender.getName());
        root.setLevel(rootLevelBefore);
        context.updateLoggers();
        appender.stop();
    }
}
