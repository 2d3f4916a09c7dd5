package io.churnwatch.devstack;

import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.connect.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opt-in secured stack: a {@link LocalKafka} that speaks only SASL_SSL with SCRAM-SHA-512 and
 * a {@link LocalElasticsearch} with security on (HTTPS, no anonymous access, a file-realm user
 * and, where the distribution can store one, an API key), both presenting a certificate of one {@link TestCertificates} CA made for this
 * run. Every credential is random, lives in a file of this stack's work directory and reaches the
 * connections as a file reference ({@code CHURNWATCH_*_FILE}), as a deployment would mount it.
 *
 * <p>Not shared through {@link WithDevStack}: the default stack stays plaintext and fast, and a
 * test that wants this one starts and closes it itself (about 15-40 s, Elasticsearch's start and
 * its first API key dominating).
 */
public final class SecuredStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SecuredStack.class);

    /** The SCRAM user of Kafka and the file-realm user of Elasticsearch. */
    public static final String USER = "churnwatch";

    private final Path dir;
    private final TestCertificates certificates;
    private final LocalKafka kafka;
    private final LocalElasticsearch elasticsearch;

    private SecuredStack(Path dir, TestCertificates certificates, LocalKafka kafka, LocalElasticsearch elasticsearch) {
        this.dir = dir;
        this.certificates = certificates;
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
    }

    /** Makes the CA, the credentials and both servers; Elasticsearch starts while Kafka does. */
    public static SecuredStack start() {
        long started = System.nanoTime();
        Path dir = WorkDirectories.create("secured-");
        try {
            TestCertificates certs = TestCertificates.create(dir.resolve("tls"));
            Path kafkaPassword = secretFile(dir, "kafka-password");
            Path esPassword = secretFile(dir, "elasticsearch-password");
            Path apiKey = dir.resolve("elasticsearch-api-key");
            CompletableFuture<LocalElasticsearch> es = CompletableFuture.supplyAsync(
                    () -> LocalElasticsearch.startSecured(certs, USER, esPassword, apiKey));
            LocalKafka kafka;
            try {
                kafka = LocalKafka.startSecured(certs, USER, kafkaPassword);
            } catch (RuntimeException e) {
                try {
                    es.join().close();
                } catch (CompletionException esFailedToo) {
                    e.addSuppressed(esFailedToo.getCause());
                }
                throw e;
            }
            LocalElasticsearch elasticsearch;
            try {
                elasticsearch = es.join();
            } catch (CompletionException e) {
                kafka.close();
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            LOG.info("Secured stack up in {} s: {} and {}", Seconds.since(started), kafka, elasticsearch);
            return new SecuredStack(dir, certs, kafka, elasticsearch);
        } catch (RuntimeException e) {
            WorkDirectories.deleteRecursively(dir);
            throw e;
        }
    }

    private static Path secretFile(Path dir, String name) {
        try {
            return Files.writeString(dir.resolve(name), TestCertificates.randomSecret());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }

    /** SASL_SSL, SCRAM-SHA-512 as {@link #USER}, password and CA by file. */
    public KafkaCluster kafka() {
        return kafka;
    }

    /** HTTPS with basic auth as {@link #USER}, password and CA by file. */
    public ElasticsearchCluster elasticsearch() {
        return elasticsearch;
    }

    /**
     * The same node with the API key {@link #USER} created, by file; empty on a distribution that
     * cannot store API keys (the integ-test zip, see {@link #apiKeyProblem()}).
     */
    public java.util.Optional<ElasticsearchConnection> elasticsearchWithApiKey() {
        return elasticsearch.apiKeyConnection();
    }

    /** Why there is no API key; null when there is one. */
    public String apiKeyProblem() {
        return elasticsearch.apiKeyProblem();
    }

    /** The secured Kafka as another user, or with another password file: for tests that must be refused. */
    public KafkaConnection kafkaAs(String username, Path passwordFile) {
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
                        certificates.caPem().toString()),
                kafka.bootstrapServers());
    }

    /** The secured Elasticsearch with basic auth as {@code username}, or with no credentials when it is null. */
    public ElasticsearchConnection elasticsearchAs(String username, Path passwordFile) {
        ElasticsearchConnection.Builder b = ElasticsearchConnection.builder()
                .host(elasticsearch.httpUrl())
                .caCertificate(certificates.caPem().toString());
        if (username != null) {
            b.basicAuth(username, io.churnwatch.connect.SecretRef.file(passwordFile.toString()));
        }
        return b.build();
    }

    public TestCertificates certificates() {
        return certificates;
    }

    /**
     * Every credential this stack made, by name: what a secrets scan looks for. The servers' own
     * (the keystore password, the broker's inter-broker password) are included: they must not
     * leak either.
     */
    public Map<String, String> secrets() {
        Map<String, String> secrets = new java.util.LinkedHashMap<>();
        secrets.put("Kafka SASL password", read("kafka-password"));
        secrets.put("Elasticsearch password", read("elasticsearch-password"));
        if (Files.isRegularFile(dir.resolve("elasticsearch-api-key"))) {
            secrets.put("Elasticsearch API key", read("elasticsearch-api-key"));
        }
        secrets.put("keystore password", certificates.keystorePassword());
        return secrets;
    }

    /** A fresh file in this stack's directory, e.g. a wrong password for a test that must be refused. */
    public Path writeFile(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** Stops both servers and deletes the certificates and credentials. */
    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            try {
                elasticsearch.close();
            } finally {
                WorkDirectories.deleteRecursively(dir);
            }
        }
    }

    @Override
    public String toString() {
        return "SecuredStack" + List.of(kafka, elasticsearch);
    }
}
