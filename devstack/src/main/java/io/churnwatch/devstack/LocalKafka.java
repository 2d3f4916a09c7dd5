package io.churnwatch.devstack;

import io.churnwatch.connect.KafkaConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker (broker and controller in one) inside this JVM, on free loopback
 * ports, with its log directory in a fresh work directory that {@link #close()} deletes.
 *
 * <p>In-process rather than a child JVM: it is up in 1-2 s instead of 2 s plus 330 MB of RSS, and a
 * test JVM rarely needs more than one.
 */
public final class LocalKafka implements KafkaCluster {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
    private static final int START_ATTEMPTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private static final int RESTART_ATTEMPTS = 10;
    private static final Duration RESTART_PAUSE = Duration.ofMillis(500);

    // Replaced by restart(); null while stopped. Guarded by this.
    private KafkaRaftServer server;
    private final Properties props;
    private final Path workDir;
    private final String bootstrapServers;
    private final KafkaConnection connection;
    private final Duration startupTime;
    // Ctrl-C in the demo should still stop the broker cleanly and remove its log directory.
    private final Thread shutdownHook = OrderlyShutdown.hook("kafka-shutdown", this::close);
    private boolean closed;

    private LocalKafka(
            KafkaRaftServer server, Properties props, Path workDir, KafkaConnection connection, Duration startupTime) {
        this.server = server;
        this.props = props;
        this.workDir = workDir;
        this.bootstrapServers = connection.bootstrapServers();
        this.connection = connection;
        this.startupTime = startupTime;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the broker and returns once it answers a metadata request. */
    public static LocalKafka start() {
        return start(null);
    }

    /**
     * A broker that only speaks SASL_SSL to clients: TLS with the server certificate of
     * {@code certs}, and SCRAM-SHA-512 with one client user, {@code username}, whose password is
     * the content of {@code passwordFile}. The credentials are added when the log directory is
     * formatted ({@code --add-scram}), so they exist before the broker accepts its first
     * connection. Brokers talk to each other over the same listener as user {@code broker}; the
     * controller listener stays PLAINTEXT on loopback, because KRaft controllers cannot check SCRAM
     * credentials (they live in the metadata the controller serves). {@link #connection()} names
     * the password by its file, never by value.
     */
    public static LocalKafka startSecured(TestCertificates certs, String username, Path passwordFile) {
        return start(new Scram(certs, username, passwordFile, TestCertificates.randomSecret()));
    }

    /** The secured mode's settings; the broker's own password never leaves this JVM. */
    private record Scram(TestCertificates certs, String username, Path passwordFile, String brokerPassword) {

        String clientPassword() {
            try {
                return Files.readString(passwordFile).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + passwordFile, e);
            }
        }

        KafkaConnection connection(String bootstrap) {
            return KafkaConnection.fromEnvironment(
                    Map.of(
                            KafkaConnection.SECURITY_PROTOCOL,
                            "SASL_SSL",
                            KafkaConnection.SASL_MECHANISM,
                            "SCRAM-SHA-512",
                            KafkaConnection.SASL_USERNAME,
                            username,
                            KafkaConnection.SASL_PASSWORD + "_FILE",
                            passwordFile.toString(),
                            KafkaConnection.SSL_CA_FILE,
                            certs.caPem().toString()),
                    bootstrap);
        }
    }

    private static LocalKafka start(Scram scram) {
        long started = System.nanoTime();
        RuntimeException last = null;
        // Free ports are found by binding and releasing them, so another process may take one
        // before the broker binds it; a fresh pair of ports is the cure.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Path workDir = WorkDirectories.create("kafka-");
            try {
                return startIn(workDir, started, scram);
            } catch (RuntimeException e) {
                WorkDirectories.deleteRecursively(workDir);
                if (!causedByBind(e)) {
                    throw e;
                }
                LOG.warn(
                        "Kafka could not bind its port (attempt {} of {}), retrying on other ports",
                        attempt,
                        START_ATTEMPTS);
                last = e;
            }
        }
        throw last;
    }

    private static LocalKafka startIn(Path workDir, long started, Scram scram) {
        int brokerPort = freePort();
        int controllerPort = freePort();
        Properties props = brokerProperties(workDir.resolve("logs"), brokerPort, controllerPort);
        List<String> scramUsers = new ArrayList<>();
        if (scram != null) {
            secure(props, scram, brokerPort, controllerPort);
            scramUsers.add(scramUser(BROKER_USER, scram.brokerPassword()));
            scramUsers.add(scramUser(scram.username(), scram.clientPassword()));
        }
        format(workDir, props, scramUsers);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        try {
            server.startup();
            String bootstrap = "127.0.0.1:" + brokerPort;
            KafkaConnection connection =
                    scram == null ? KafkaConnection.plaintext(bootstrap) : scram.connection(bootstrap);
            awaitBroker(connection);
            Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
            LOG.info(
                    "Kafka {} (KRaft{}) up on {} in {} s",
                    Versions.KAFKA,
                    scram == null ? "" : ", SASL_SSL with SCRAM-SHA-512",
                    bootstrap,
                    Seconds.of(startupTime));
            return new LocalKafka(server, props, workDir, connection, startupTime);
        } catch (RuntimeException e) {
            stop(server);
            throw e;
        }
    }

    static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put(
                "advertised.listeners",
                "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: every internal topic must be satisfied by one replica, or coordinators never load.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Tests join a consumer group and expect records at once, not after the default 3 s.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Records carry their event time as timestamp. An accelerated demo runs event time hours or
        // days ahead of the wall clock, which Kafka 4 refuses by default (more than 1 h ahead).
        p.put("log.message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE));
        p.put("auto.create.topics.enable", "true");
        return p;
    }

    private static final String BROKER_USER = "broker";
    private static final String LISTENER = "SASL_SSL";

    /** Replaces the PLAINTEXT client and inter-broker listener by SASL_SSL. */
    private static void secure(Properties p, Scram scram, int brokerPort, int controllerPort) {
        String listeners = LISTENER + "://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort;
        p.put("listeners", listeners);
        p.put("advertised.listeners", listeners);
        p.put("inter.broker.listener.name", LISTENER);
        p.put("listener.security.protocol.map", LISTENER + ":SASL_SSL,CONTROLLER:PLAINTEXT");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        p.put(
                "listener.name." + LISTENER.toLowerCase(Locale.ROOT) + ".scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + BROKER_USER
                        + "\" password=\"" + scram.brokerPassword() + "\";");
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", scram.certs().serverKeystore().toString());
        p.put("ssl.keystore.password", scram.certs().keystorePassword());
        p.put("ssl.key.password", scram.certs().keystorePassword());
        // The broker is a client of itself on the inter-broker listener, and trusts the same CA.
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.location", scram.certs().caPem().toString());
    }

    private static String scramUser(String name, String password) {
        return "SCRAM-SHA-512=[name=" + name + ",password=" + password + "]";
    }

    // StorageTool.main always calls exit; execute returns the status instead.
    private static void format(Path workDir, Properties props, List<String> scramUsers) {
        Path config = workDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "ChurnWatch local broker");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            List<String> args =
                    new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
            for (String user : scramUsers) {
                args.add("--add-scram");
                args.add(user);
            }
            status = StorageTool.execute(args.toArray(String[]::new), print);
        }
        if (status != 0) {
            String said = output.toString(StandardCharsets.UTF_8);
            for (String user : scramUsers) {
                said = said.replace(user, "<scram credential>");
            }
            throw new IllegalStateException(
                    "formatting the Kafka log directory failed (status " + status + "): " + said);
        }
    }

    // startup() returns while the broker may still be fenced; a client request proves it serves.
    private static void awaitBroker(KafkaConnection connection) {
        String bootstrap = connection.bootstrapServers();
        Map<String, Object> config = new HashMap<>(connection.clientProperties());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka on " + bootstrap, e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka on " + bootstrap + " did not answer within " + READY_TIMEOUT, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    @Override
    public KafkaConnection connection() {
        return connection;
    }

    /** From the call to {@link #start()} until the broker answered. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The broker's own directory; gone after {@link #close()}. */
    public Path workDir() {
        return workDir;
    }

    /**
     * Stops the broker (an orderly shutdown: it closes its listeners, flushes its logs and leaves
     * the quorum) and keeps its log directory, so that {@link #restart()} brings the same topics,
     * offsets, consumer groups and transactions back. Clients see the broker gone until then. Does
     * nothing if it is stopped already.
     */
    public synchronized void stop() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        if (server == null) {
            return;
        }
        long stopping = System.nanoTime();
        stop(server);
        server = null;
        LOG.info(
                "Kafka on {} stopped in {} s; log directory kept for a restart",
                bootstrapServers,
                Seconds.since(stopping));
    }

    /**
     * Starts the broker again on the same ports and log directory (stopping it first if it runs)
     * and returns once it answers a metadata request, with the time that took. Clients configured
     * with {@link #connection()} reconnect by themselves.
     */
    public synchronized Duration restart() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        stop();
        long started = System.nanoTime();
        // The ports were ours a moment ago, but the kernel may hold the listening address for a
        // little while after the close; another process taking it is unlikely on loopback.
        for (int attempt = 1; ; attempt++) {
            KafkaRaftServer restarted = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
            try {
                restarted.startup();
                awaitBroker(connection);
                server = restarted;
                break;
            } catch (RuntimeException e) {
                stop(restarted);
                if (!causedByBind(e) || attempt == RESTART_ATTEMPTS) {
                    throw e;
                }
                LOG.warn(
                        "Kafka could not bind {} again (attempt {} of {})",
                        bootstrapServers,
                        attempt,
                        RESTART_ATTEMPTS);
                Pause.briefly(RESTART_PAUSE);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Kafka on {} restarted on its log directory in {} s", bootstrapServers, Seconds.of(took));
        return took;
    }

    /** Whether the broker runs, i.e. not between {@link #stop()} and {@link #restart()}, nor closed. */
    public synchronized boolean running() {
        return server != null;
    }

    /** Stops the broker, waits until it has, and deletes its log directory. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long stopping = System.nanoTime();
        try {
            if (server != null) {
                stop(server);
                server = null;
            }
        } finally {
            WorkDirectories.deleteRecursively(workDir);
            if (Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shutdownInProgress) {
                    // Closed from another shutdown hook; ours then finds the broker closed and returns.
                }
            }
        }
        LOG.info("Kafka on {} stopped in {} s", bootstrapServers, Seconds.since(stopping));
    }

    @Override
    public String toString() {
        return "LocalKafka[" + bootstrapServers + "]";
    }
}
