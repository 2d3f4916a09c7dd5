package io.churnwatch.bench.console;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.churnwatch.alerting.nflog.ElasticsearchNotificationLog;
import io.churnwatch.alerting.nflog.NotificationRecord;
import io.churnwatch.console.Console;
import io.churnwatch.console.ConsoleIndices;
import io.churnwatch.console.ConsoleSettings;
import io.churnwatch.console.Role;
import io.churnwatch.console.UsersFile;
import io.churnwatch.devstack.DevStack;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.jobs.index.AlertDocuments;
import io.churnwatch.jobs.index.IncidentDocuments;
import io.churnwatch.jobs.index.IndexTemplates;
import io.churnwatch.sink.elasticsearch.IndexDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * How fast the retention console answers with a large shop behind it: starts Kafka and
 * Elasticsearch, indexes incidents and alerts as the detection job writes them, starts the real
 * console, logs in over HTTP and times the worklist's first page and customer pages, each beside the
 * plain Elasticsearch requests that fetch the same data (the baseline). Writes its section of
 * docs/performance.md.
 *
 * <p>One request at a time, from one client: this is the latency a person waits for, not a load test.
 */
public final class ConsoleBench {

    /** What to index and how many requests to time per page. */
    public record Options(int alerts, long incidents, int requests, Path report, String command) {
        public static final int DEFAULT_ALERTS = 100_000;
        public static final long DEFAULT_INCIDENTS = 1_000_000L;
        public static final int DEFAULT_REQUESTS = 300;

        public Options {
            if (alerts < 1 || incidents < alerts || requests < 1) {
                throw new IllegalArgumentException("--alerts must be at least 1, --incidents at least --alerts ("
                        + alerts + "), --requests at least 1");
            }
        }

        public static Options defaults() {
            return new Options(
                    DEFAULT_ALERTS,
                    DEFAULT_INCIDENTS,
                    DEFAULT_REQUESTS,
                    Path.of("docs/performance.md"),
                    "./churnwatch bench-console");
        }
    }

    static final int BULK_DOCS = 4_000;
    static final int WARMUP = 30;
    static final int PAGE_SIZE = 25;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Options options;
    private final PrintStream out;

    public ConsoleBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Options d = Options.defaults();
        Options o = new Options(
                args.length > 0 ? Integer.parseInt(args[0]) : d.alerts(),
                args.length > 1 ? Long.parseLong(args[1]) : d.incidents(),
                args.length > 2 ? Integer.parseInt(args[2]) : d.requests(),
                args.length > 3 ? Path.of(args[3]) : d.report(),
                d.command());
        new ConsoleBench(o, System.out).run();
    }

    public void run() throws Exception {
        // 1.1 million documents and a nested aggregation over them: the 512m default heap is tight
        System.setProperty("churnwatch.elasticsearch.heap", System.getProperty("churnwatch.elasticsearch.heap", "1g"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        BenchData data = new BenchData(options.alerts(), options.incidents(), now);
        try (DevStack stack = DevStack.start()) {
            ElasticsearchClient client = stack.elasticsearch().client();
            RestClient rest = ((RestClientTransport) client._transport()).restClient();
            IndexTemplates.withDefaults().install(client);
            ElasticsearchNotificationLog log = new ElasticsearchNotificationLog(client);
            log.installTemplate();

            long t0 = System.nanoTime();
            indexIncidents(rest, data);
            List<String> firing = indexAlerts(rest, data);
            notifications(log, firing, now);
            rest.performRequest(new Request("POST", "/churn-*/_refresh"));
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "Indexed in %.0f s%n", loadSeconds);
            Map<String, long[]> indices = indexSizes(rest);

            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            ConsoleSettings settings = ConsoleSettings.of(
                    stack.kafka().connection(),
                    stack.elasticsearch().connection(),
                    UsersFile.of(UsersFile.line("bench", Role.AGENT, password.toCharArray())));
            try (Console console = Console.start(settings)) {
                HttpClient http = HttpClient.newBuilder()
                        .cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
                login(http, console.url(), password);
                List<Row> rows = measure(http, console.url(), rest, firing);
                printTable(rows);
                String section = section(rows, indices, loadSeconds);
                ReportSection.writeInto(options.report(), section);
                out.println("Wrote the console section of " + options.report());
            }
        }
    }

    // ---------------------------------------------------------------- loading

    private void indexIncidents(RestClient rest, BenchData data) throws IOException {
        IncidentDocuments docs = new IncidentDocuments();
        List<IndexDocument> batch = new ArrayList<>(BULK_DOCS);
        Progress progress = new Progress("incidents", options.incidents(), out);
        for (long n = 0; n < options.incidents(); n++) {
            batch.add(docs.toDocument(data.incident(n)));
            if (batch.size() == BULK_DOCS || n == options.incidents() - 1) {
                bulk(rest, batch);
                progress.advance(batch.size());
                batch.clear();
            }
        }
    }

    private List<String> indexAlerts(RestClient rest, BenchData data) throws IOException {
        AlertDocuments docs = new AlertDocuments();
        List<IndexDocument> batch = new ArrayList<>(BULK_DOCS);
        List<String> firing = new ArrayList<>();
        Progress progress = new Progress("alerts", options.alerts(), out);
        for (int c = 0; c < options.alerts(); c++) {
            ChurnAlert alert = data.alert(c);
            if (BenchData.firing(c)) {
                firing.add(alert.getAlertId());
            }
            batch.add(docs.toDocument(alert));
            if (batch.size() == BULK_DOCS || c == options.alerts() - 1) {
                bulk(rest, batch);
                progress.advance(batch.size());
                batch.clear();
            }
        }
        return firing;
    }

    /** A final notification for a few hundred alerts, so the customer page's delivery list is not always empty. */
    private static void notifications(ElasticsearchNotificationLog log, List<String> firing, Instant now) {
        for (int i = 0; i < Math.min(300, firing.size()); i++) {
            String id = firing.get(i * Math.max(1, firing.size() / 300));
            log.record(new NotificationRecord(
                    NotificationRecord.Kind.FINAL,
                    "n-bench-" + i,
                    id,
                    List.of(id),
                    "retention-slack",
                    "slack",
                    NotificationRecord.Outcome.DELIVERED,
                    1,
                    80,
                    now.minus(Duration.ofMinutes(30)),
                    "dedup-bench-" + i,
                    "{alert_id=" + id + "}",
                    "200",
                    null));
        }
    }

    /** As the job's sink writes them: the revision as external version when the document has one. */
    static byte[] bulkBody(List<IndexDocument> docs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(docs.size() * 1500);
        for (IndexDocument doc : docs) {
            ObjectNode meta = MAPPER.createObjectNode();
            ObjectNode index = meta.putObject("index");
            index.put("_index", doc.index()).put("_id", doc.id());
            if (doc.isVersioned()) {
                index.put("version", doc.version()).put("version_type", "external");
            }
            body.writeBytes((meta + "\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(doc.json());
            body.write('\n');
        }
        return body.toByteArray();
    }

    private static void bulk(RestClient rest, List<IndexDocument> docs) throws IOException {
        Request request = new Request("POST", "/_bulk");
        request.setEntity(new NByteArrayEntity(bulkBody(docs), ContentType.create("application/x-ndjson")));
        JsonNode answer =
                MAPPER.readTree(rest.performRequest(request).getEntity().getContent());
        if (answer.path("errors").asBoolean()) {
            for (JsonNode item : answer.path("items")) {
                JsonNode result = item.path("index");
                if (result.has("error")) {
                    throw new IllegalStateException(
                            "bulk item " + result.path("_index").asText() + "/"
                                    + result.path("_id").asText() + " failed with "
                                    + result.path("status").asInt() + ": "
                                    + result.path("error").path("reason").asText());
                }
            }
        }
    }

    /** Index → {documents, Lucene documents, store bytes}, of the churn-* indices. */
    private static Map<String, long[]> indexSizes(RestClient rest) throws IOException {
        Request request = new Request("GET", "/_cat/indices/churn-*");
        request.addParameter("format", "json");
        request.addParameter("bytes", "b");
        request.addParameter("h", "index,docs.count,store.size");
        request.addParameter("s", "index");
        Map<String, long[]> out = new LinkedHashMap<>();
        for (JsonNode row :
                MAPPER.readTree(rest.performRequest(request).getEntity().getContent())) {
            String index = row.path("index").asText();
            // _cat counts Lucene documents, and every nested reason is one; _count counts alerts
            long top = MAPPER.readTree(rest.performRequest(new Request("GET", "/" + index + "/_count"))
                            .getEntity()
                            .getContent())
                    .path("count")
                    .asLong();
            out.put(index, new long[] {
                top, row.path("docs.count").asLong(), row.path("store.size").asLong()
            });
        }
        return out;
    }

    // ---------------------------------------------------------------- measuring

    record Row(String page, Latencies console, Latencies baseline, String baselineWhat) {}

    private static void login(HttpClient http, String base, String password) throws Exception {
        String form = "username=bench&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&next=/";
        HttpResponse<Void> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 3) {
            throw new IllegalStateException("console login answered " + r.statusCode() + ", expected a redirect");
        }
    }

    private List<Row> measure(HttpClient http, String base, RestClient rest, List<String> firing) throws Exception {
        Random random = new Random(42);
        String worklistBody = MAPPER.writeValueAsString(worklistQuery(Instant.now()));
        Callable<Object> worklistBaseline = () -> search(rest, ConsoleIndices.ALERTS, worklistBody);
        List<Row> rows = new ArrayList<>();
        rows.add(pair(
                "Worklist, first page (`GET /`, HTML)",
                "GET /",
                () -> get(http, base + "/"),
                "worklist _search",
                worklistBaseline,
                "the worklist's `_search` (25 rows, facet aggregations)"));
        rows.add(pair(
                "Worklist JSON (`GET /api/alerts`)",
                "GET /api/alerts",
                () -> get(http, base + "/api/alerts"),
                "worklist _search",
                worklistBaseline,
                "the same `_search`"));
        // Both sides of the customer row ask for the same alert, request by request.
        String[] alert = {pick(firing, random)};
        rows.add(pair(
                "Customer page (`GET /alerts/{id}`, HTML)",
                "GET /alerts/{id}",
                () -> {
                    alert[0] = pick(firing, random);
                    return get(http, base + "/alerts/" + alert[0]);
                },
                "alert get + incidents",
                () -> customerBaseline(rest, alert[0]),
                "`GET churn-alerts/_doc/{id}` + the `ids` search of its ~10 incidents"));
        return rows;
    }

    private static String pick(List<String> ids, Random random) {
        return ids.get(random.nextInt(ids.size()));
    }

    /**
     * Times a console request and its baseline alternately, one of each per round, so that a burst
     * of load from elsewhere on a shared machine falls on both and their ratio stays fair.
     */
    private Row pair(
            String page,
            String consoleName,
            Callable<Object> consoleRequest,
            String baselineName,
            Callable<Object> baselineRequest,
            String baselineWhat)
            throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            consoleRequest.call();
            baselineRequest.call();
        }
        Latencies console = new Latencies(consoleName);
        Latencies baseline = new Latencies(baselineName);
        for (int i = 0; i < options.requests(); i++) {
            long start = System.nanoTime();
            consoleRequest.call();
            console.recordNanos(System.nanoTime() - start);
            start = System.nanoTime();
            baselineRequest.call();
            baseline.recordNanos(System.nanoTime() - start);
        }
        for (Latencies l : List.of(console, baseline)) {
            out.printf(Locale.ROOT, "  %-24s p50 %7.1f  p99 %7.1f ms%n", l.name(), l.millisAt(50), l.millisAt(99));
        }
        return new Row(page, console, baseline, baselineWhat);
    }

    private static Object get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
        }
        return r.body();
    }

    private static String search(RestClient rest, String index, String body) throws IOException {
        Request request = new Request("POST", "/" + index + "/_search");
        request.setJsonEntity(body);
        Response response = rest.performRequest(request);
        return EntityUtils.toString(response.getEntity());
    }

    private static Object customerBaseline(RestClient rest, String alertId) throws IOException {
        Response doc = rest.performRequest(new Request(
                "GET", "/" + ConsoleIndices.ALERTS + "/_doc/" + URLEncoder.encode(alertId, StandardCharsets.UTF_8)));
        JsonNode alert = MAPPER.readTree(doc.getEntity().getContent()).path("_source");
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode ids = body.putObject("query").putObject("ids").putArray("values");
        alert.path("reasons").forEach(r -> ids.add(r.path("incident_id").asText()));
        body.put("size", ids.size());
        body.putArray("sort").addObject().put("detected_at", "desc");
        return search(rest, ConsoleIndices.INCIDENTS, MAPPER.writeValueAsString(body));
    }

    /**
     * What {@code AlertRepository.worklist} sends for the unfiltered first page with an empty workflow
     * (its builder is private to the console): firing customer alerts by priority, 25 rows, the exact
     * total, and the facet aggregations (terms, the nested reason kinds, overdue, state and assignee).
     */
    static ObjectNode worklistQuery(Instant now) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("from", 0).put("size", PAGE_SIZE).put("track_total_hits", true);
        ArrayNode base = body.putObject("query").putObject("bool").putArray("filter");
        base.addObject().putObject("term").put("status", "FIRING");
        base.addObject().putObject("term").put("scope", "CUSTOMER");
        body.putObject("post_filter").putObject("bool").putArray("filter");
        body.putArray("sort")
                .add(MAPPER.createObjectNode().put("priority_score", "desc"))
                .add(MAPPER.createObjectNode().put("alert_id", "asc"));
        ObjectNode aggs = body.putObject("aggs");
        Map<String, String[]> terms = new LinkedHashMap<>();
        terms.put("severity", new String[] {"severity", "10"});
        terms.put("tier", new String[] {"customer_tier", "10"});
        terms.put("region", new String[] {"region", "20"});
        for (String facet : List.of("severity", "tier", "region", "kind", "playbook")) {
            ObjectNode agg = aggs.putObject(facet);
            agg.putObject("filter").putObject("bool").putArray("filter");
            ObjectNode values = agg.putObject("aggs").putObject("values");
            if (facet.equals("kind")) {
                values.putObject("nested").put("path", "reasons");
                ObjectNode kinds = values.putObject("aggs").putObject("kinds");
                kinds.putObject("terms").put("field", "reasons.kind").put("size", 20);
                kinds.putObject("aggs").putObject("alerts").putObject("reverse_nested");
            } else if (facet.equals("playbook")) {
                values.putObject("terms").put("field", "save_action.playbook").put("size", 20);
            } else {
                String[] t = terms.get(facet);
                values.putObject("terms").put("field", t[0]).put("size", Integer.parseInt(t[1]));
            }
        }
        ObjectNode overdue = aggs.putObject("overdue");
        overdue.putObject("filter").putObject("bool").putArray("filter");
        overdue.putObject("aggs")
                .putObject("values")
                .putObject("filter")
                .putObject("range")
                .putObject("save_action.callback_by")
                .put("lt", now.toString());
        ObjectNode state = aggs.putObject("state");
        state.putObject("filter").putObject("bool").putArray("filter");
        ObjectNode states =
                state.putObject("aggs").putObject("values").putObject("filters").putObject("filters");
        states.putObject("new")
                .putObject("bool")
                .putArray("must_not")
                .addObject()
                .putObject("ids")
                .putArray("values");
        for (String s : List.of("acknowledged", "snoozed", "resolved")) {
            states.putObject(s).putObject("ids").putArray("values");
        }
        ObjectNode assignee = aggs.putObject("assignee");
        assignee.putObject("filter").putObject("bool").putArray("filter");
        ObjectNode who = assignee.putObject("aggs")
                .putObject("values")
                .putObject("filters")
                .putObject("filters");
        who.putObject("mine").putObject("ids").putArray("values");
        who.putObject("unassigned")
                .putObject("bool")
                .putArray("must_not")
                .addObject()
                .putObject("ids")
                .putArray("values");
        return body;
    }

    // ---------------------------------------------------------------- reporting

    private void printTable(List<Row> rows) {
        out.printf(Locale.ROOT, "%n%-44s %8s %8s %8s %8s   %s%n", "page", "p50", "p95", "p99", "max", "p99 ratio");
        for (Row r : rows) {
            for (Latencies l : List.of(r.console(), r.baseline())) {
                out.printf(
                        Locale.ROOT,
                        "%-44s %8.1f %8.1f %8.1f %8.1f%s%n",
                        l == r.console() ? r.page() : "  baseline: " + l.name(),
                        l.millisAt(50),
                        l.millisAt(95),
                        l.millisAt(99),
                        l.maxMillis(),
                        l == r.console() ? String.format(Locale.ROOT, "   %.1fx", ratio(r, 99)) : "");
            }
        }
    }

    static double ratio(Row r, double percentile) {
        return r.console().millisAt(percentile) / Math.max(1e-3, r.baseline().millisAt(percentile));
    }

    String section(List<Row> rows, Map<String, long[]> indices, double loadSeconds) {
        StringBuilder md = new StringBuilder();
        md.append(ReportSection.START).append('\n');
        md.append("## Retention console: worklist and customer page\n\n");
        md.append(
                        "Written by the console benchmark (kept when the job benchmark rewrites this file). Regenerate with:\n\n```\n")
                .append(options.command())
                .append("\n```\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Run on %s. Machine: %d cores, %s %s, Java %s; Elasticsearch %s heap, single node, Kafka in-process, "
                        + "the console in the benchmark's JVM. One request at a time from one client (the wait of one "
                        + "person, not a load test), %d timed requests per row after %d warm-up requests, "
                        + "each console request followed by its baseline's, so that load from elsewhere on the "
                        + "machine falls on both.\n\n",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                System.getProperty("churnwatch.elasticsearch.heap"),
                options.requests(),
                WARMUP));
        md.append(String.format(
                Locale.ROOT,
                "Documents: %,d alerts (%,d firing), %,d incidents; each alert names up to %d of its customer's "
                        + "incidents as reasons. Indexed with `_bulk` (%,d documents a request) in %.0f s.\n\n",
                options.alerts(),
                options.alerts() - options.alerts() / 5,
                options.incidents(),
                BenchData.REASONS_PER_ALERT,
                BULK_DOCS,
                loadSeconds));
        md.append(
                "| Index | Documents | Lucene documents (with nested reasons) | Size on disk |\n|---|---:|---:|---:|\n");
        indices.forEach((name, v) -> md.append(String.format(
                Locale.ROOT, "| %s | %,d | %,d | %,d bytes (%.1f MB) |%n", name, v[0], v[1], v[2], v[2] / 1e6)));
        md.append("\n| Page | p50 ms | p95 ms | p99 ms | max ms | p99 console / baseline |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %.1f | %.1f | %.1f× |%n",
                    r.page(),
                    r.console().millisAt(50),
                    r.console().millisAt(95),
                    r.console().millisAt(99),
                    r.console().maxMillis(),
                    ratio(r, 99)));
            md.append(String.format(
                    Locale.ROOT,
                    "| &nbsp;&nbsp;baseline: %s | %.1f | %.1f | %.1f | %.1f | |%n",
                    r.baselineWhat(),
                    r.baseline().millisAt(50),
                    r.baseline().millisAt(95),
                    r.baseline().millisAt(99),
                    r.baseline().maxMillis()));
        }
        md.append("\nThe console's times include the HTTP round trip, the session check, JSON parsing and the "
                + "page's template. The customer page also asks for the alert's notifications, revisions, the "
                + "complaint trend and the silences that match, which the baseline leaves out. Target (issue #12): "
                + "p99 under 300 ms for both pages.\n");
        md.append(ReportSection.END);
        return md.toString();
    }

    /** Prints progress every tenth of the total. */
    static final class Progress {
        private final String what;
        private final long total;
        private final PrintStream out;
        private final long start = System.nanoTime();
        private long done;
        private int lastTenth;

        Progress(String what, long total, PrintStream out) {
            this.what = what;
            this.total = total;
            this.out = out;
        }

        void advance(long n) {
            done += n;
            int tenth = (int) (done * 10 / total);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                double s = (System.nanoTime() - start) / 1e9;
                out.printf(Locale.ROOT, "  %s: %,d of %,d (%d%%) in %.0f s%n", what, done, total, tenth * 10, s);
            }
        }
    }
}
