package io.churnwatch.devstack;

import io.churnwatch.schemas.kafka.TopicSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Kafka cluster that runs elsewhere, configured from the environment:
 * <ul>
 *   <li>{@code CHURNWATCH_KAFKA_BOOTSTRAP}: bootstrap servers (required; without it there is no
 *       external cluster)
 *   <li>{@code CHURNWATCH_KAFKA_PROPERTIES_FILE}: client properties passed through as they are
 *       ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, ...)
 *   <li>{@code CHURNWATCH_KAFKA_SASL_USERNAME} and {@code CHURNWATCH_KAFKA_SASL_PASSWORD} (or
 *       {@code _PASSWORD_FILE}), with {@code CHURNWATCH_KAFKA_SASL_MECHANISM} ({@code PLAIN},
 *       {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}; default {@code PLAIN})
 *   <li>{@code CHURNWATCH_KAFKA_SECURITY_PROTOCOL} (default {@code SASL_SSL} with credentials)
 *   <li>{@code CHURNWATCH_KAFKA_SSL_CA_FILE}: PEM file of the CA that signed the brokers' certificates
 * </ul>
 * Individual variables win over the properties file. {@link #toString()} shows every setting with
 * secrets as {@code <secret>}.
 */
public final class ExternalKafka implements KafkaCluster {

    static final String BOOTSTRAP = "CHURNWATCH_KAFKA_BOOTSTRAP";
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|jaas|secret|credentials|\\.key$).*");

    private final Map<String, String> clientProperties;

    private ExternalKafka(Map<String, String> clientProperties) {
        this.clientProperties = Collections.unmodifiableMap(new TreeMap<>(clientProperties));
    }

    /** The cluster the environment names, or empty when {@code CHURNWATCH_KAFKA_BOOTSTRAP} is unset. */
    public static Optional<ExternalKafka> fromEnvironment(Map<String, String> env) {
        String bootstrap = Secret.blankToNull(env.get(BOOTSTRAP));
        if (bootstrap == null) {
            return Optional.empty();
        }
        Map<String, String> props = new TreeMap<>(propertiesFile(env));
        props.put("bootstrap.servers", bootstrap);

        String username = Secret.blankToNull(env.get("CHURNWATCH_KAFKA_SASL_USERNAME"));
        Optional<Secret> password = Secret.fromEnvironment(env, "CHURNWATCH_KAFKA_SASL_PASSWORD");
        String protocol = Secret.blankToNull(env.get("CHURNWATCH_KAFKA_SECURITY_PROTOCOL"));
        if (username != null || password.isPresent()) {
            if (username == null || password.isEmpty()) {
                throw new IllegalArgumentException("CHURNWATCH_KAFKA_SASL_USERNAME and CHURNWATCH_KAFKA_SASL_PASSWORD"
                        + " (or _PASSWORD_FILE) go together; one of them is missing");
            }
            String mechanism = Optional.ofNullable(Secret.blankToNull(env.get("CHURNWATCH_KAFKA_SASL_MECHANISM"))).orElse("PLAIN");
            String module = LOGIN_MODULES.get(mechanism);
            if (module == null) {
                throw new IllegalArgumentException("CHURNWATCH_KAFKA_SASL_MECHANISM is \"" + mechanism + "\"; use one of "
                        + new TreeMap<>(LOGIN_MODULES).keySet());
            }
            protocol = protocol == null ? "SASL_SSL" : protocol;
            if (!protocol.startsWith("SASL_")) {
                throw new IllegalArgumentException("SASL credentials are set but CHURNWATCH_KAFKA_SECURITY_PROTOCOL is "
                        + protocol + "; use SASL_SSL (or SASL_PLAINTEXT on a trusted network)");
            }
            props.put("sasl.mechanism", mechanism);
            props.put("sasl.jaas.config", module + " required username=\"" + jaasQuoted(username)
                    + "\" password=\"" + jaasQuoted(password.get().reveal()) + "\";");
        }
        if (protocol != null) {
            if (!PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("CHURNWATCH_KAFKA_SECURITY_PROTOCOL is \"" + protocol + "\"; use one of "
                        + PROTOCOLS.stream().sorted().toList());
            }
            props.put("security.protocol", protocol);
        }
        String ca = Secret.blankToNull(env.get("CHURNWATCH_KAFKA_SSL_CA_FILE"));
        if (ca != null) {
            if (!Files.isReadable(Path.of(ca))) {
                throw new IllegalArgumentException("CHURNWATCH_KAFKA_SSL_CA_FILE points to " + ca + ", which cannot be read");
            }
            props.put("ssl.truststore.type", "PEM");
            props.put("ssl.truststore.location", ca);
        }
        return Optional.of(new ExternalKafka(props));
    }

    private static Map<String, String> propertiesFile(Map<String, String> env) {
        String file = Secret.blankToNull(env.get("CHURNWATCH_KAFKA_PROPERTIES_FILE"));
        if (file == null) {
            return Map.of();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("CHURNWATCH_KAFKA_PROPERTIES_FILE points to " + file
                    + ", which cannot be read: " + e.getMessage(), e);
        }
        return p.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, p::getProperty));
    }

    private static String jaasQuoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static boolean isSecret(String propertyName) {
        return SECRET_KEY.matcher(propertyName).matches();
    }

    @Override
    public String bootstrapServers() {
        return clientProperties.get("bootstrap.servers");
    }

    @Override
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    /** Creates missing topics with the cluster's default replication factor. */
    @Override
    public void createTopics(Collection<? extends TopicSpec<?>> topics) {
        TopicCreator.create(clientProperties, topics);
    }

    /** Nothing to stop: the cluster is not ours. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "ExternalKafka" + clientProperties.entrySet().stream()
                .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) ? "<secret>" : e.getValue()))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
