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
import java.time.Duration;
import java.util.ArrayList;
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
    private final SharedClient client;
    private boolean closed;

    private LocalElasticsearch(Process process, Path workDir, String httpUrl, Duration startupTime) {
        this.process = process;
        this.workDir = workDir;
        this.httpUrl = httpUrl;
        this.connection = ElasticsearchConnection.of(httpUrl);
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
        long started = System.nanoTime();
        Path workDir = WorkDirectories.create("elasticsearch-");
        Process process = null;
        try {
            prepare(distribution, workDir);
            LOG.info("Starting Elasticsearch {} (heap {}) in {}", distribution.version(), heap, workDir);
            process = launch(distribution, workDir, heap);
            WorkDirectories.recordServer(workDir, process.toHandle());
            String httpUrl = awaitReady(process, workDir);
            Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
            LocalElasticsearch node = new LocalElasticsearch(process, workDir, httpUrl, startupTime);
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

    private static Process launch(ElasticsearchDistribution distribution, Path workDir, String heap) {
        List<String> command = new ArrayList<>(
                List.of(distribution.home().resolve("bin/elasticsearch").toString()));
        // Port 0 lets the node pick free ports itself, so parallel test JVMs cannot race for one;
        // node.portsfile then tells us which it took.
        Map.of(
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
                        "path.logs", workDir.resolve("logs").toString())
                .forEach((k, v) -> command.add("-E" + k + "=" + v));
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

    private static String awaitReady(Process process, Path workDir) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Path portsFile = workDir.resolve("logs/http.ports");
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
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
                httpUrl = readHttpUrl(portsFile);
            }
            if (httpUrl != null) {
                // GET / answers 405 in the integ-test zip; cluster health is the readiness signal.
                HttpRequest health = HttpRequest.newBuilder(
                                URI.create(httpUrl + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                        .timeout(Duration.ofSeconds(5))
                        .build();
                try {
                    HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
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
        throw new IllegalStateException("Elasticsearch not ready within " + START_TIMEOUT + " (" + lastProblem
                + "); last output:\n" + consoleTail(workDir));
    }

    private static String readHttpUrl(Path portsFile) {
        try {
            // The node writes the file through a temp file and a rename, so it is never half written.
            if (!Files.isRegularFile(portsFile)) {
                return null;
            }
            String first = Files.readAllLines(portsFile).stream()
                    .filter(l -> !l.isBlank())
                    .findFirst()
                    .orElse(null);
            return first == null ? null : "http://" + first.strip();
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

    @Override
    public ElasticsearchClient client() {
        return client.get();
    }

    /** The launcher process; the server JVM is its child. */
    public ProcessHandle process() {
        return process.toHandle();
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
