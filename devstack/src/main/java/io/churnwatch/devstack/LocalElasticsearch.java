package io.churnwatch.devstack;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.churnwatch.connect.ElasticsearchConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Elasticsearch on loopback, run as a child process from the unpacked
 * {@link ElasticsearchDistribution}: security off, ports chosen by the node itself, and its own
 * config, data, log and temp directories in a work directory that {@link #close()} deletes.
 *
 * <p>{@link #close()} stops the whole process tree (the launcher JVM and the server JVM it forks);
 * a shutdown hook does the same if the JVM exits without closing it.
 */
public final class LocalElasticsearch implements ElasticsearchCluster {

    private static final Logger LOG = LoggerFactory.getLogger(LocalElasticsearch.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    // Security loads more of x-pack at start, and the secured stack is started by tests that run
    // while the machine is busy with the rest of the build.
    private static final Duration SECURED_START_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String DEFAULT_HEAP = "512m";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final Process process;
    private final Path workDir;
    private final String httpUrl;
    private final Duration startupTime;
    private final Thread shutdownHook;
    private final ElasticsearchConnection connection;
    private final ElasticsearchConnection apiKeyConnection;
    private String apiKeyProblem;
    private final SharedClient client;
    private boolean closed;
    private boolean frozen;

    private LocalElasticsearch(
            Process process,
            Path workDir,
            String httpUrl,
            ElasticsearchConnection connection,
            ElasticsearchConnection apiKeyConnection,
            Duration startupTime) {
        this.process = process;
        this.workDir = workDir;
        this.httpUrl = httpUrl;
        this.connection = connection;
        this.apiKeyConnection = apiKeyConnection;
        this.client = new SharedClient(connection);
        this.startupTime = startupTime;
        this.shutdownHook = OrderlyShutdown.hook("elasticsearch-shutdown-" + process.pid(), this::close);
    }

    /** Starts a node with the default heap (512 MB, or system property {@code churnwatch.elasticsearch.heap}). */
    public static LocalElasticsearch start() {
        return start(
                ElasticsearchDistribution.install(), System.getProperty("churnwatch.elasticsearch.heap", DEFAULT_HEAP));
    }

    /** Starts a node and returns once the cluster health is at least yellow. */
    public static LocalElasticsearch start(ElasticsearchDistribution distribution, String heap) {
        return start(distribution, heap, null);
    }

    /**
     * A node with security on: HTTPS with the server certificate of {@code certs}, no anonymous
     * access, a file-realm user {@code username} (password: the content of {@code passwordFile})
     * with role {@code churnwatch} (the {@code churn-*} indices, their templates, cluster health
     * and its own API keys), and an API key that user creates through {@code POST
     * /_security/api_key}, written (encoded, as {@code CHURNWATCH_ES_API_KEY} takes it) to
     * {@code apiKeyFile}. {@link #connection()} authenticates with basic auth,
     * {@link #apiKeyConnection()} with the key; both name their secret by its file.
     */
    public static LocalElasticsearch startSecured(
            TestCertificates certs, String username, Path passwordFile, Path apiKeyFile) {
        return start(
                ElasticsearchDistribution.install(),
                System.getProperty("churnwatch.elasticsearch.heap", DEFAULT_HEAP),
                new Security(certs, username, passwordFile, apiKeyFile));
    }

    /** What the secured mode needs; null for the default, plaintext node. */
    private record Security(TestCertificates certs, String username, Path passwordFile, Path apiKeyFile) {

        String password() {
            try {
                return Files.readString(passwordFile).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + passwordFile, e);
            }
        }

        String authorization() {
            return "Basic "
                    + Base64.getEncoder()
                            .encodeToString((username + ":" + password()).getBytes(StandardCharsets.UTF_8));
        }

        ElasticsearchConnection basic(String url) {
            return ElasticsearchConnection.fromEnvironment(
                    Map.of(
                            ElasticsearchConnection.USERNAME,
                            username,
                            ElasticsearchConnection.PASSWORD + "_FILE",
                            passwordFile.toString(),
                            ElasticsearchConnection.CA_FILE,
                            certs.caPem().toString()),
                    url);
        }

        ElasticsearchConnection apiKey(String url) {
            return ElasticsearchConnection.fromEnvironment(
                    Map.of(
                            ElasticsearchConnection.API_KEY + "_FILE",
                            apiKeyFile.toString(),
                            ElasticsearchConnection.CA_FILE,
                            certs.caPem().toString()),
                    url);
        }
    }

    private static LocalElasticsearch start(ElasticsearchDistribution distribution, String heap, Security security) {
        long started = System.nanoTime();
        Path workDir = WorkDirectories.create("elasticsearch-");
        Process process = null;
        try {
            prepare(distribution, workDir);
            if (security != null) {
                secure(distribution, workDir, security);
            }
            LOG.info(
                    "Starting Elasticsearch {} (heap {}{}) in {}",
                    distribution.version(),
                    heap,
                    security == null ? "" : ", security on",
                    workDir);
            process = launch(distribution, workDir, heap, security != null);
            WorkDirectories.recordServer(workDir, process.toHandle());
            String httpUrl = awaitReady(process, workDir, security);
            ElasticsearchConnection connection;
            ElasticsearchConnection apiKeyConnection = null;
            String apiKeyProblem = null;
            if (security == null) {
                connection = ElasticsearchConnection.of(httpUrl);
            } else {
                apiKeyProblem = createApiKey(httpUrl, security);
                connection = security.basic(httpUrl);
                if (apiKeyProblem == null) {
                    apiKeyConnection = security.apiKey(httpUrl);
                } else {
                    LOG.warn("Elasticsearch on {} has no API key, only basic auth: {}", httpUrl, apiKeyProblem);
                }
            }
            Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
            LocalElasticsearch node =
                    new LocalElasticsearch(process, workDir, httpUrl, connection, apiKeyConnection, startupTime);
            node.apiKeyProblem = apiKeyProblem;
            Runtime.getRuntime().addShutdownHook(node.shutdownHook);
            LOG.info("Elasticsearch {} up on {} in {} s", distribution.version(), httpUrl, Seconds.of(startupTime));
            return node;
        } catch (RuntimeException e) {
            if (process != null) {
                ProcessTree.stop(process.toHandle(), STOP_GRACE);
            }
            WorkDirectories.deleteRecursively(workDir);
            throw e;
        }
    }

    // Each node gets its own copy of config/: the server writes a keystore there, and two nodes
    // (or two JVMs) sharing the distribution must not step on each other.
    private static void prepare(ElasticsearchDistribution distribution, Path workDir) {
        try {
            Path source = distribution.home().resolve("config");
            Path config = workDir.resolve("config");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path target = config.resolve(source.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            for (String dir : List.of("data", "logs", "tmp")) {
                Files.createDirectories(workDir.resolve(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + workDir + ": " + e.getMessage(), e);
        }
        UnprivilegedUser.handOver(workDir);
    }

    private static final String ROLE = "churnwatch";
    // Least privilege for everything ChurnWatch does: its own indices, data streams and aliases;
    // index templates; cluster health; and API keys of its own (how the IT gets one).
    private static final String ROLES_YML = """

            %s:
              cluster: [monitor, manage_index_templates, manage_own_api_key]
              indices:
                - names: ["churn-*", ".ds-churn-*"]
                  privileges: [all]
            """.formatted(ROLE);

    /** Certificates into the node's config directory (the only place it may read), the role and the user. */
    private static void secure(ElasticsearchDistribution distribution, Path workDir, Security security) {
        Path config = workDir.resolve("config");
        try {
            Path certs = Files.createDirectories(config.resolve("certs"));
            Files.copy(security.certs().caPem(), certs.resolve("ca.crt"));
            Files.copy(security.certs().serverCertificatePem(), certs.resolve("http.crt"));
            Files.copy(security.certs().serverKeyPem(), certs.resolve("http.key"));
            Files.writeString(config.resolve("roles.yml"), ROLES_YML, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the secured config in " + config + ": " + e.getMessage(), e);
        }
        UnprivilegedUser.handOver(workDir);
        // The password goes in on stdin (asked twice), not on a command line that ps shows.
        String password = security.password();
        runTool(
                distribution,
                workDir,
                List.of("elasticsearch-users", "useradd", security.username(), "-r", ROLE),
                password + "\n" + password + "\n");
    }

    private static void runTool(ElasticsearchDistribution distribution, Path workDir, List<String> tool, String input) {
        List<String> command = new ArrayList<>(tool);
        command.set(0, distribution.home().resolve("bin").resolve(tool.get(0)).toString());
        ProcessBuilder builder = new ProcessBuilder(UnprivilegedUser.wrap(command))
                .directory(distribution.home().toFile())
                .redirectErrorStream(true);
        builder.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("ES_PATH_CONF", workDir.resolve("config").toString());
        builder.environment().put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + workDir.resolve("tmp"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        try {
            Process tool0 = builder.start();
            try (var in = tool0.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(tool0.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!tool0.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || tool0.exitValue() != 0) {
                tool0.destroyForcibly();
                throw new IllegalStateException(tool.get(0) + " " + tool.get(1) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + tool.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + tool.get(0), e);
        }
    }

    /**
     * Creates the node's API key as the file-realm user and writes its encoded form to the key
     * file; returns why not when the node cannot. The integ-test zip cannot: API keys live in the
     * {@code .security} index, whose mapping needs the {@code pattern_capture} token filter of the
     * analysis-common module, which that zip leaves out ("Unknown filter type [pattern_capture]").
     * The file realm needs no index, so basic auth works there.
     */
    private static String createApiKey(String httpUrl, Security security) {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(security.certs().clientContext())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest create = HttpRequest.newBuilder(URI.create(httpUrl + "/_security/api_key"))
                .header("Authorization", security.authorization())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"churnwatch-devstack\"}"))
                .build();
        try {
            HttpResponse<String> response = http.send(create, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "creating an API key answered " + response.statusCode() + ": " + response.body();
            }
            String encoded = ElasticsearchConnection.objectMapper()
                    .readTree(response.body())
                    .path("encoded")
                    .asText();
            Files.writeString(security.apiKeyFile(), encoded);
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an API key on " + httpUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating an API key", e);
        }
    }

    private static Process launch(ElasticsearchDistribution distribution, Path workDir, String heap, boolean secured) {
        List<String> command = new ArrayList<>(
                List.of(distribution.home().resolve("bin/elasticsearch").toString()));
        // Port 0 lets the node pick free ports itself, so parallel test JVMs cannot race for one;
        // node.portsfile then tells us which it took.
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "cluster.name", "churnwatch-devstack",
                "discovery.type", "single-node",
                "network.host", "127.0.0.1",
                "http.port", "0",
                "transport.port", "0",
                "node.portsfile", "true",
                "xpack.security.enabled", "false",
                // A nearly full developer disk would otherwise leave every shard unassigned.
                "cluster.routing.allocation.disk.threshold_enabled", "false",
                "path.data", workDir.resolve("data").toString(),
                "path.logs", workDir.resolve("logs").toString()));
        if (secured) {
            settings.put("xpack.security.enabled", "true");
            settings.put("xpack.security.http.ssl.enabled", "true");
            settings.put("xpack.security.http.ssl.certificate", "certs/http.crt");
            settings.put("xpack.security.http.ssl.key", "certs/http.key");
            settings.put("xpack.security.http.ssl.certificate_authorities", "certs/ca.crt");
            // Single-node discovery binds transport to loopback only and needs no transport TLS.
            settings.put("xpack.security.transport.ssl.enabled", "false");
            settings.put("xpack.security.authc.api_key.enabled", "true");
        }
        settings.forEach((k, v) -> command.add("-E" + k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(UnprivilegedUser.wrap(command))
                .directory(distribution.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("console.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("ES_JAVA_HOME", System.getProperty("java.home"));
        env.put("ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap);
        env.put("ES_PATH_CONF", workDir.resolve("config").toString());
        env.put("ES_TMPDIR", workDir.resolve("tmp").toString());
        // The launcher JVM writes final-flags* into its own java.io.tmpdir, which ES_TMPDIR does not move.
        env.put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + workDir.resolve("tmp"));
        env.remove("JAVA_TOOL_OPTIONS");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static String awaitReady(Process process, Path workDir, Security security) {
        Duration timeout = security == null ? START_TIMEOUT : SECURED_START_TIMEOUT;
        long deadline = System.nanoTime() + timeout.toNanos();
        Path portsFile = workDir.resolve("logs/http.ports");
        HttpClient.Builder httpBuilder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (security != null) {
            httpBuilder.sslContext(security.certs().clientContext());
        }
        HttpClient http = httpBuilder.build();
        String scheme = security == null ? "http://" : "https://";
        String httpUrl = null;
        String lastProblem = "no http.ports file yet";
        long started = System.nanoTime();
        long nextProgress = started + PROGRESS_EVERY.toNanos();
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextProgress) {
                LOG.info("Elasticsearch still starting after {} s ({})", Seconds.since(started), lastProblem);
                nextProgress += PROGRESS_EVERY.toNanos();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited with status " + process.exitValue()
                        + " while starting; last output:\n" + consoleTail(workDir));
            }
            if (httpUrl == null) {
                httpUrl = readHttpUrl(portsFile, scheme);
            }
            if (httpUrl != null) {
                // GET / answers 405 in the integ-test zip; cluster health is the readiness signal.
                HttpRequest.Builder health = HttpRequest.newBuilder(
                                URI.create(httpUrl + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                        .timeout(Duration.ofSeconds(5));
                if (security != null) {
                    health.header("Authorization", security.authorization());
                }
                try {
                    HttpResponse<String> response = http.send(health.build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        return httpUrl;
                    }
                    lastProblem = "cluster health answered " + response.statusCode() + ": " + response.body();
                } catch (IOException e) {
                    lastProblem = "cluster health failed: " + e.getMessage();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Elasticsearch", e);
                }
            }
            Pause.briefly(POLL);
        }
        throw new IllegalStateException("Elasticsearch not ready within " + timeout + " (" + lastProblem
                + "); last output:\n" + consoleTail(workDir));
    }

    private static String readHttpUrl(Path portsFile, String scheme) {
        try {
            // The node writes the file through a temp file and a rename, so it is never half written.
            if (!Files.isRegularFile(portsFile)) {
                return null;
            }
            String first = Files.readAllLines(portsFile).stream()
                    .filter(l -> !l.isBlank())
                    .findFirst()
                    .orElse(null);
            return first == null ? null : scheme + first.strip();
        } catch (IOException e) {
            return null;
        }
    }

    private static String consoleTail(Path workDir) {
        try {
            List<String> lines = Files.readAllLines(workDir.resolve("console.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no console output: " + e.getMessage() + ")";
        }
    }

    @Override
    public ElasticsearchConnection connection() {
        return connection;
    }

    /**
     * For a secured node, the same user's API key (from its file); empty for the default node, and
     * for a secured node that could not create one ({@link #apiKeyProblem()} says why).
     */
    public java.util.Optional<ElasticsearchConnection> apiKeyConnection() {
        return java.util.Optional.ofNullable(apiKeyConnection);
    }

    /** Why a secured node has no API key, e.g. the integ-test zip's missing analysis module; null if it has one. */
    public String apiKeyProblem() {
        return apiKeyProblem;
    }

    @Override
    public ElasticsearchClient client() {
        return client.get();
    }

    /** The launcher process; the server JVM is its child. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /**
     * Freezes the node: SIGSTOP to the launcher and the server JVM, which then answer nothing,
     * though the kernel still accepts connections on their ports, as with a node stuck in a long
     * garbage collection or a hung host. {@link #thaw()} resumes them. Does nothing if frozen.
     */
    public synchronized void freeze() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        if (!frozen) {
            signal("STOP");
            frozen = true;
            LOG.info("Elasticsearch on {} frozen (SIGSTOP)", httpUrl);
        }
    }

    /** Resumes a node {@link #freeze() frozen} before (SIGCONT); does nothing if it is not frozen. */
    public synchronized void thaw() {
        if (frozen) {
            signal("CONT");
            frozen = false;
            LOG.info("Elasticsearch on {} resumed (SIGCONT)", httpUrl);
        }
    }

    // ProcessHandle can only terminate; kill(1) sends the others. Children first on STOP, so the
    // launcher never sees its server stop; on CONT the order does not matter.
    private void signal(String name) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + name));
        process.toHandle().descendants().forEach(p -> command.add(Long.toString(p.pid())));
        command.add(Long.toString(process.pid()));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " of Elasticsearch failed: " + said.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling Elasticsearch", e);
        }
    }

    /** From the call to {@code start} until the cluster health was yellow or green. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Config, data, logs and temp files of this node; gone after {@link #close()}. */
    public Path workDir() {
        return workDir;
    }

    /** Stops the process tree (SIGTERM, then SIGKILL after 30 s) and deletes the work directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        // A stopped process keeps SIGTERM pending; resume it first, or close waits out its grace.
        thaw();
        closed = true;
        long stopping = System.nanoTime();
        try {
            client.close();
        } finally {
            try {
                ProcessTree.stop(process.toHandle(), STOP_GRACE);
            } finally {
                WorkDirectories.deleteRecursively(workDir);
                if (Thread.currentThread() != shutdownHook) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(shutdownHook);
                    } catch (IllegalStateException shutdownInProgress) {
                        // Closed from another shutdown hook; ours then finds the node closed and returns.
                    }
                }
            }
        }
        LOG.info("Elasticsearch on {} stopped in {} s", httpUrl, Seconds.since(stopping));
    }

    @Override
    public String toString() {
        return "LocalElasticsearch[" + httpUrl + "]";
    }
}
