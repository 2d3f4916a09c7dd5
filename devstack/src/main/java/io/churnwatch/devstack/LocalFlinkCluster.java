package io.churnwatch.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Flink standalone session cluster on loopback: one JobManager and one or more TaskManagers,
 * each its own JVM, run from Flink's jars in the local Maven repository (there is no flink-dist on
 * Maven Central; see {@link FlinkClusterClasspath}). Jobs are deployed to it as to any session
 * cluster, through the REST API at {@link #restUrl()} ({@code POST /jars/upload}, then
 * {@code POST /jars/<id>/run}); the web UI is at the same address.
 *
 * <p>Each process gets the memory sizes and JVM flags Flink's start scripts would give it
 * ({@link FlinkMemory}), the {@code --add-opens} list of Flink's default {@code config.yaml}, and
 * every port on 127.0.0.1. Configuration, logs ({@code log/jobmanager.log},
 * {@code log/taskmanager-<n>.log}, each with its {@code .out}), uploaded jars, blobs, checkpoints
 * and savepoints live in one work directory that {@link #close()} deletes.
 *
 * <p>{@link #close()} stops every process (SIGTERM, then SIGKILL after 30 s); a shutdown hook does
 * the same if the JVM exits without closing it, and the next local server started after a JVM that
 * was killed stops its orphaned processes ({@link WorkDirectories}).
 */
public final class LocalFlinkCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);

    /** Process size of the JobManager, in Flink's notation; Flink's default {@code config.yaml} has 1600m. */
    public static final String JOB_MANAGER_MEMORY_PROPERTY = "churnwatch.flink.jobmanager.memory";
    /** Process size of each TaskManager; Flink's default {@code config.yaml} has 1728m. */
    public static final String TASK_MANAGER_MEMORY_PROPERTY = "churnwatch.flink.taskmanager.memory";

    private static final String DEFAULT_JOB_MANAGER_MEMORY = "1600m";
    private static final String DEFAULT_TASK_MANAGER_MEMORY = "1728m";
    private static final int DEFAULT_TASK_MANAGERS = 1;
    private static final int DEFAULT_SLOTS = 2;

    private static final String JOB_MANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    /** The name of the Prometheus reporter in the configuration: {@code metrics.reporter.prom.*}. */
    public static final String PROMETHEUS_REPORTER = "prom";

    private static final String PROMETHEUS_REPORTER_FACTORY =
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";
    private static final String PROMETHEUS_PORT = "metrics.reporter." + PROMETHEUS_REPORTER + ".port";

    // Flink's env.java.default-opts.all: what its runtime, Kryo and user code reflect into on Java 17.
    // Without java.util, a job's main run over REST fails with InaccessibleObjectException.
    private static final List<String> JAVA_OPTS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    // What start's configuration argument may not override; see ownedKey.
    private static final Set<String> OWNED_KEYS = Set.of(
            "rest.address",
            "rest.bind-address",
            "rest.port",
            "rest.bind-port",
            "jobmanager.rpc.address",
            "jobmanager.rpc.port",
            "taskmanager.cpu.cores",
            "taskmanager.numberOfTaskSlots",
            "metrics.reporter.prom.port");
    private static final List<String> OWNED_PREFIXES = List.of("jobmanager.memory.", "taskmanager.memory.");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path workDir;
    private final String restUrl;
    private final String jobManagerMetricsUrl;
    private final List<String> taskManagerMetricsUrls;
    private final Process jobManager;
    private final List<Process> taskManagers;
    private final int slotsPerTaskManager;
    private final Duration startupTime;
    private final Thread shutdownHook;
    private boolean closed;

    private LocalFlinkCluster(
            Path workDir,
            String restUrl,
            List<String> metricsUrls,
            Process jobManager,
            List<Process> taskManagers,
            int slotsPerTaskManager,
            Duration startupTime) {
        this.workDir = workDir;
        this.restUrl = restUrl;
        this.jobManagerMetricsUrl = metricsUrls.get(0);
        this.taskManagerMetricsUrls = List.copyOf(metricsUrls.subList(1, metricsUrls.size()));
        this.jobManager = jobManager;
        this.taskManagers = List.copyOf(taskManagers);
        this.slotsPerTaskManager = slotsPerTaskManager;
        this.startupTime = startupTime;
        this.shutdownHook = OrderlyShutdown.hook("flink-cluster-shutdown-" + jobManager.pid(), this::close);
    }

    /** One TaskManager with two slots. */
    public static LocalFlinkCluster start() {
        return start(DEFAULT_TASK_MANAGERS, DEFAULT_SLOTS);
    }

    /** Starts the cluster and returns once every TaskManager has registered with the JobManager. */
    public static LocalFlinkCluster start(int taskManagers, int slotsPerTaskManager) {
        return start(taskManagers, slotsPerTaskManager, Map.of());
    }

    /**
     * As {@link #start(int, int)}, with Flink configuration on top of (and overriding) this class's:
     * e.g. a shorter {@code heartbeat.timeout} for a test that kills a TaskManager.
     */
    public static LocalFlinkCluster start(
            int taskManagers, int slotsPerTaskManager, Map<String, String> configuration) {
        if (taskManagers < 1 || slotsPerTaskManager < 1) {
            throw new IllegalArgumentException("a Flink cluster needs at least 1 TaskManager with 1 slot, not "
                    + taskManagers + " TaskManagers with " + slotsPerTaskManager + " slots");
        }
        List<String> owned = configuration.keySet().stream()
                .filter(LocalFlinkCluster::ownedKey)
                .sorted()
                .toList();
        if (!owned.isEmpty()) {
            throw new IllegalArgumentException("LocalFlinkCluster sets " + owned + " itself: addresses and ports"
                    + " are what restUrl() and the TaskManagers rely on, memory must match the JVM flags (set "
                    + JOB_MANAGER_MEMORY_PROPERTY + " or " + TASK_MANAGER_MEMORY_PROPERTY + " instead), and slots"
                    + " are an argument of start");
        }
        long started = System.nanoTime();
        FlinkMemory.JobManager jobManagerMemory = FlinkMemory.jobManager(
                FlinkMemory.parseSize(System.getProperty(JOB_MANAGER_MEMORY_PROPERTY, DEFAULT_JOB_MANAGER_MEMORY)));
        FlinkMemory.TaskManager taskManagerMemory = FlinkMemory.taskManager(
                FlinkMemory.parseSize(System.getProperty(TASK_MANAGER_MEMORY_PROPERTY, DEFAULT_TASK_MANAGER_MEMORY)),
                slotsPerTaskManager);
        String classpath =
                FlinkClusterClasspath.jars().stream().map(Path::toString).collect(Collectors.joining(":"));
        Layout layout = new Layout(taskManagers, slotsPerTaskManager, jobManagerMemory, taskManagerMemory);
        // Free ports are found by binding and releasing them, so another process may take the RPC or
        // REST port before the JobManager binds it; fresh ports are the cure, as in LocalKafka.
        for (int attempt = 1; ; attempt++) {
            try {
                return startIn(WorkDirectories.create("flink-"), layout, configuration, classpath, started);
            } catch (PortTakenException e) {
                if (attempt == START_ATTEMPTS) {
                    throw new IllegalStateException(
                            "Flink's JobManager could not bind its ports in " + START_ATTEMPTS + " attempts", e);
                }
                LOG.warn(
                        "Flink's JobManager could not bind its ports (attempt {} of {}), retrying on other ports",
                        attempt,
                        START_ATTEMPTS);
            }
        }
    }

    private static boolean ownedKey(String key) {
        return OWNED_KEYS.contains(key) || OWNED_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private record Layout(
            int taskManagers,
            int slotsPerTaskManager,
            FlinkMemory.JobManager jobManagerMemory,
            FlinkMemory.TaskManager taskManagerMemory) {}

    private static LocalFlinkCluster startIn(
            Path workDir, Layout layout, Map<String, String> overrides, String classpath, long started) {
        List<Process> processes = new ArrayList<>();
        try {
            int rpcPort = freePort();
            int restPort = freePort();
            Path conf = workDir.resolve("conf");
            Path logs = workDir.resolve("log");
            for (Path dir : List.of(conf, logs, workDir.resolve("tmp"), workDir.resolve("plugins"))) {
                Files.createDirectories(dir);
            }
            Map<String, String> configuration = configuration(workDir, layout, rpcPort, restPort);
            configuration.putAll(overrides);
            writeConfiguration(conf, configuration);
            Files.writeString(conf.resolve("classpath.args"), "-classpath \"" + classpath + "\"\n");
            writeLog4jConfiguration(conf);
            LOG.info(
                    "Starting Flink {} session cluster (1 JobManager, {} TaskManagers x {} slots) in {}",
                    Versions.FLINK,
                    layout.taskManagers(),
                    layout.slotsPerTaskManager(),
                    workDir);

            // Each process serves its own /metrics, so each gets its own port, as a dynamic property.
            List<String> metricsUrls = new ArrayList<>();
            int jobManagerMetricsPort = freePort();
            metricsUrls.add(metricsUrl(jobManagerMetricsPort));
            Process jobManager = launch(
                    workDir,
                    "jobmanager",
                    layout.jobManagerMemory().jvmArgs(),
                    JOB_MANAGER_MAIN,
                    List.of("-D" + PROMETHEUS_PORT + "=" + jobManagerMetricsPort));
            processes.add(jobManager);
            WorkDirectories.recordServer(workDir, jobManager.toHandle());
            // Started together with the JobManager rather than after it: each TaskManager retries its
            // registration until the ResourceManager is up, which the configuration makes quick.
            List<Process> taskManagers = new ArrayList<>();
            for (int n = 1; n <= layout.taskManagers(); n++) {
                List<String> jvmArgs =
                        new ArrayList<>(layout.taskManagerMemory().jvmArgs());
                jvmArgs.add("-XX:+UseG1GC"); // as taskmanager.sh does
                int metricsPort = freePort();
                metricsUrls.add(metricsUrl(metricsPort));
                Process taskManager = launch(
                        workDir,
                        "taskmanager-" + n,
                        jvmArgs,
                        TASK_MANAGER_MAIN,
                        // A stable id, so that /taskmanagers and the logs name the same TaskManager.
                        List.of(
                                "-Dtaskmanager.resource-id=taskmanager-" + n,
                                "-D" + PROMETHEUS_PORT + "=" + metricsPort));
                processes.add(taskManager);
                taskManagers.add(taskManager);
                WorkDirectories.recordServer(workDir, taskManager.toHandle());
            }

            String restUrl = "http://127.0.0.1:" + restPort;
            awaitTaskManagers(restUrl, workDir, jobManager, taskManagers, layout);
            Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
            LocalFlinkCluster cluster = new LocalFlinkCluster(
                    workDir, restUrl, metricsUrls, jobManager, taskManagers, layout.slotsPerTaskManager(), startupTime);
            Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
            LOG.info(
                    "Flink {} session cluster up on {} in {} s: JobManager pid {}, TaskManager pids {}",
                    Versions.FLINK,
                    restUrl,
                    Seconds.of(startupTime),
                    jobManager.pid(),
                    taskManagers.stream().map(Process::pid).toList());
            return cluster;
        } catch (IOException e) {
            stopAndDelete(processes, workDir);
            throw new UncheckedIOException("cannot prepare " + workDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            stopAndDelete(processes, workDir);
            throw e;
        }
    }

    private static Map<String, String> configuration(Path workDir, Layout layout, int rpcPort, int restPort) {
        Map<String, String> c = new LinkedHashMap<>();
        // Everything on loopback: RPC, blob server, data exchange, metrics and REST.
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.host", "127.0.0.1");
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.rpc.port", "0");
        c.put("taskmanager.data.port", "0");
        c.put("blob.server.port", "0");
        c.put("metrics.internal.query-service.port", "0");
        c.put("rest.address", "127.0.0.1");
        c.put("rest.bind-address", "127.0.0.1");
        c.put("rest.port", Integer.toString(restPort));
        c.put("taskmanager.numberOfTaskSlots", Integer.toString(layout.slotsPerTaskManager()));
        // Flink's Prometheus reporter (flink-metrics-prometheus, on the classpath, not a plugin); its port
        // is each process's own (see startIn). It listens on every interface: it has no bind-address option.
        c.put("metrics.reporter." + PROMETHEUS_REPORTER + ".factory.class", PROMETHEUS_REPORTER_FACTORY);
        // Label values as they are (Prometheus takes any UTF-8): receiver "crm-webhook" stays crm-webhook
        // rather than crm_webhook, so a label matches the routing file and the resource id.
        c.put("metrics.reporter." + PROMETHEUS_REPORTER + ".filterLabelValueCharacters", "false");
        c.put("parallelism.default", "1");
        c.putAll(layout.jobManagerMemory().configuration());
        c.putAll(layout.taskManagerMemory().configuration());
        // A TaskManager that comes up before the ResourceManager waits this long before it tries
        // again; Flink's 10 s would add 10 s to every start.
        c.put("cluster.registration.error-delay", "500 ms");
        // Nothing outside the work directory: temp files, uploaded jars, blobs, local state.
        String tmp = workDir.resolve("tmp").toString();
        c.put("io.tmp.dirs", tmp);
        c.put("web.tmpdir", tmp);
        c.put("web.upload.dir", workDir.resolve("jars").toString());
        c.put("blob.storage.directory", workDir.resolve("blobs").toString());
        c.put("rest.profiling.dir", tmp);
        // Jobs that enable checkpointing get file checkpoints without naming a directory; a job
        // that wants its savepoints to outlive the cluster names its own.
        c.put(
                "execution.checkpointing.dir",
                workDir.resolve("checkpoints").toUri().toString());
        c.put(
                "execution.checkpointing.savepoint-dir",
                workDir.resolve("savepoints").toUri().toString());
        return c;
    }

    // Flink 2 reads only config.yaml. Flattened keys are valid there; every value is quoted, so that
    // none is read as YAML (a path with ": " in it, "0" as a number, "true" as a boolean).
    private static void writeConfiguration(Path conf, Map<String, String> configuration) throws IOException {
        StringBuilder yaml = new StringBuilder("# Written by ChurnWatch's LocalFlinkCluster.\n");
        configuration.forEach((k, v) ->
                yaml.append(k).append(": '").append(v.replace("'", "''")).append("'\n"));
        Files.writeString(conf.resolve("config.yaml"), yaml.toString());
    }

    // Like Flink's conf/log4j.properties: one file per process, named by the log.file property,
    // which is also where the web UI's log tab looks (and at the .out file beside it).
    private static void writeLog4jConfiguration(Path conf) throws IOException {
        Files.writeString(
                conf.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = MainAppender",
                        "appender.main.name = MainAppender",
                        "appender.main.type = File",
                        "appender.main.append = false",
                        "appender.main.fileName = ${sys:log.file}",
                        "appender.main.layout.type = PatternLayout",
                        "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                        "logger.pekko.name = org.apache.pekko",
                        "logger.pekko.level = INFO",
                        "logger.kafka.name = org.apache.kafka",
                        "logger.kafka.level = INFO",
                        "logger.zookeeper.name = org.apache.flink.shaded.zookeeper3",
                        "logger.zookeeper.level = WARN",
                        ""));
    }

    private static Process launch(
            Path workDir, String name, List<String> memoryArgs, String mainClass, List<String> programArgs) {
        Path conf = workDir.resolve("conf");
        Path logs = workDir.resolve("log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(memoryArgs);
        command.addAll(JAVA_OPTS);
        command.add("-Dlog.file=" + logs.resolve(name + ".log"));
        command.add(
                "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        command.add("-Djava.io.tmpdir=" + workDir.resolve("tmp"));
        // 44 jars in ~/.m2 make a 4 KB argument, beyond what ps, pgrep and ProcessHandle.Info show
        // of a command line; the java launcher reads it from a file instead.
        command.add("@" + conf.resolve("classpath.args"));
        command.add(mainClass);
        command.add("--configDir");
        command.add(conf.toString());
        command.addAll(programArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".out").toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        // Empty, but present: Flink warns at every start about a plugins directory that is missing.
        builder.environment()
                .put("FLINK_PLUGINS_DIR", workDir.resolve("plugins").toString());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Flink " + name + ": " + e.getMessage(), e);
        }
    }

    private static void awaitTaskManagers(
            String restUrl, Path workDir, Process jobManager, List<Process> taskManagers, Layout layout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest overview = HttpRequest.newBuilder(URI.create(restUrl + "/overview"))
                .timeout(Duration.ofSeconds(5))
                .build();
        int expectedSlots = layout.taskManagers() * layout.slotsPerTaskManager();
        long started = System.nanoTime();
        long deadline = started + START_TIMEOUT.toNanos();
        long nextProgress = started + PROGRESS_EVERY.toNanos();
        String lastProblem = "the REST API does not answer yet";
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                String tail = logTail(workDir, "jobmanager");
                if (tail.contains("BindException") || tail.contains("Address already in use")) {
                    throw new PortTakenException(tail);
                }
                throw new IllegalStateException("Flink's JobManager exited with status " + jobManager.exitValue()
                        + " while starting; last output:\n" + tail);
            }
            for (int i = 0; i < taskManagers.size(); i++) {
                Process taskManager = taskManagers.get(i);
                if (!taskManager.isAlive()) {
                    throw new IllegalStateException("Flink's taskmanager-" + (i + 1) + " exited with status "
                            + taskManager.exitValue() + " while starting; last output:\n"
                            + logTail(workDir, "taskmanager-" + (i + 1)));
                }
            }
            try {
                HttpResponse<String> response = http.send(overview, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode body = JSON.readTree(response.body());
                    int registered = body.path("taskmanagers").asInt();
                    int slots = body.path("slots-total").asInt();
                    if (registered == layout.taskManagers() && slots == expectedSlots) {
                        return;
                    }
                    lastProblem = registered + " of " + layout.taskManagers() + " TaskManagers registered, " + slots
                            + " of " + expectedSlots + " slots";
                } else {
                    lastProblem = "/overview answered " + response.statusCode() + ": " + response.body();
                }
            } catch (IOException e) {
                lastProblem = "/overview failed: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Flink cluster", e);
            }
            if (System.nanoTime() >= nextProgress) {
                LOG.info("Flink cluster still starting after {} s ({})", Seconds.since(started), lastProblem);
                nextProgress += PROGRESS_EVERY.toNanos();
            }
            Pause.briefly(POLL);
        }
        StringBuilder message = new StringBuilder("Flink cluster on " + restUrl + " not ready within "
                + START_TIMEOUT.toSeconds() + " s (" + lastProblem + ")");
        message.append("\n--- jobmanager:\n").append(logTail(workDir, "jobmanager"));
        for (int n = 1; n <= taskManagers.size(); n++) {
            message.append("\n--- taskmanager-").append(n).append(":\n").append(logTail(workDir, "taskmanager-" + n));
        }
        throw new IllegalStateException(message.toString());
    }

    /** The last lines of a process's log and, if it wrote any, of its stdout and stderr. */
    private static String logTail(Path workDir, String name) {
        String tails = Stream.of(".out", ".log")
                .map(suffix -> workDir.resolve("log").resolve(name + suffix))
                .map(LocalFlinkCluster::tail)
                .filter(t -> !t.isEmpty())
                .collect(Collectors.joining("\n"));
        // Flink exits silently on some configuration errors (an unknown high-availability.type).
        return tails.isEmpty() ? "(nothing in " + name + ".out or " + name + ".log)" : tails;
    }

    private static String tail(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return "";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines = lines.subList(0, lines.size() - 1);
            }
            if (lines.isEmpty()) {
                return "";
            }
            int from = Math.max(0, lines.size() - LOG_TAIL_LINES);
            StringBuilder tail = new StringBuilder(file.getFileName() + ":\n");
            // The tail of a failed start is mostly the last stack trace; the first error says why.
            for (int i = 0; i < from; i++) {
                if (lines.get(i).contains(" ERROR ")) {
                    tail.append(lines.get(i)).append("\n...\n");
                    break;
                }
            }
            return tail.append(String.join("\n", lines.subList(from, lines.size())))
                    .toString();
        } catch (IOException e) {
            return file.getFileName() + ": unreadable (" + e.getMessage() + ")";
        }
    }

    private static String metricsUrl(int port) {
        return "http://127.0.0.1:" + port + "/metrics";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void stopAndDelete(List<Process> processes, Path workDir) {
        try {
            ProcessTree.stopAll(processes.stream().map(Process::toHandle).toList(), STOP_GRACE);
        } finally {
            WorkDirectories.deleteRecursively(workDir);
        }
    }

    /**
     * The REST API and web UI, e.g. {@code http://127.0.0.1:40123}, without a trailing slash:
     * append {@code /jars/upload}, {@code /jobs/overview} and the like. It answers for as long as the
     * cluster is open, and always on this address: the port is fixed in the configuration.
     */
    public String restUrl() {
        return restUrl;
    }

    /**
     * The JobManager's Prometheus endpoint, e.g. {@code http://127.0.0.1:40125/metrics}: job-level
     * metrics ({@code flink_jobmanager_job_uptime}, checkpoint counts) and the JobManager's own.
     */
    public String jobManagerMetricsUrl() {
        return jobManagerMetricsUrl;
    }

    /**
     * Each TaskManager's Prometheus endpoint, in the order of {@link #taskManagerProcesses()}: operator and
     * task metrics, ChurnWatch's business metrics among them (docs/metrics.md).
     */
    public List<String> taskManagerMetricsUrls() {
        return taskManagerMetricsUrls;
    }

    /** Every Prometheus endpoint of the cluster, the JobManager's first: what a Prometheus would scrape. */
    public List<String> metricsUrls() {
        List<String> all = new ArrayList<>(taskManagerMetricsUrls);
        all.add(0, jobManagerMetricsUrl);
        return List.copyOf(all);
    }

    public ProcessHandle jobManagerProcess() {
        return jobManager.toHandle();
    }

    /** In the order they were started: {@code taskmanager-1} (its resource id in Flink) first. */
    public List<ProcessHandle> taskManagerProcesses() {
        return taskManagers.stream().map(Process::toHandle).toList();
    }

    public int taskManagers() {
        return taskManagers.size();
    }

    public int slotsPerTaskManager() {
        return slotsPerTaskManager;
    }

    /** From the call to {@code start} until every TaskManager had registered. */
    public Duration startupTime() {
        return startupTime;
    }

    /** {@code conf/}, {@code log/}, uploaded jars, blobs, checkpoints; gone after {@link #close()}. */
    public Path workDir() {
        return workDir;
    }

    /** Stops every process of the cluster and deletes the work directory. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long stopping = System.nanoTime();
        try {
            stopAndDelete(allProcesses(), workDir);
        } finally {
            if (Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shutdownInProgress) {
                    // Closed from another shutdown hook; ours then finds the cluster closed and returns.
                }
            }
        }
        LOG.info("Flink cluster on {} stopped in {} s", restUrl, Seconds.since(stopping));
    }

    private List<Process> allProcesses() {
        List<Process> all = new ArrayList<>(taskManagers);
        all.add(0, jobManager);
        return all;
    }

    @Override
    public String toString() {
        return "LocalFlinkCluster[" + restUrl + ", " + taskManagers.size() + " TaskManagers x " + slotsPerTaskManager
                + " slots]";
    }

    /** The JobManager died of a BindException: one of the ports picked for it was taken meanwhile. */
    private static final class PortTakenException extends RuntimeException {

        PortTakenException(String jobManagerOutput) {
            super("port taken; JobManager output:\n" + jobManagerOutput);
        }
    }
}
