package io.churnwatch.jobs.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where the Kafka cluster is and how to authenticate to it, for every client the job creates.
 *
 * <p>Security comes from the environment, never from the command line (where {@code ps} shows it)
 * or code: {@code CHURNWATCH_KAFKA_SECURITY_PROTOCOL} (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL),
 * {@code CHURNWATCH_KAFKA_SASL_MECHANISM} (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512),
 * {@code CHURNWATCH_KAFKA_SASL_USERNAME}, {@code CHURNWATCH_KAFKA_SASL_PASSWORD} or
 * {@code CHURNWATCH_KAFKA_SASL_PASSWORD_FILE}, {@code CHURNWATCH_KAFKA_SSL_CA_FILE} (PEM), and
 * {@code CHURNWATCH_KAFKA_PROPERTIES_FILE}, a standard Kafka client properties file merged last
 * (for mTLS keystores, OAUTHBEARER and anything else).
 *
 * <p>{@link #toString()} redacts every value that may be a secret, so a connection can be logged.
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> clientProperties) implements Serializable {

    public KafkaConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(
                    "Kafka bootstrap servers are not set: pass --bootstrap-servers or set CHURNWATCH_KAFKA_BOOTSTRAP");
        }
        clientProperties = Map.copyOf(clientProperties);
    }

    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /** The connection the environment describes; {@code bootstrapServers} wins over the environment's. */
    public static KafkaConnection fromEnvironment(String bootstrapServers) {
        return fromEnvironment(bootstrapServers, System::getenv);
    }

    static KafkaConnection fromEnvironment(String bootstrapServers, Function<String, String> env) {
        String bootstrap = bootstrapServers != null ? bootstrapServers : env.apply("CHURNWATCH_KAFKA_BOOTSTRAP");
        Map<String, String> props = new TreeMap<>();
        String protocol = env.apply("CHURNWATCH_KAFKA_SECURITY_PROTOCOL");
        if (protocol != null) {
            protocol = protocol.toUpperCase(Locale.ROOT);
            if (!java.util.Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(protocol)) {
                throw new IllegalArgumentException("CHURNWATCH_KAFKA_SECURITY_PROTOCOL must be one of "
                        + "PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL; got " + protocol);
            }
            props.put("security.protocol", protocol);
        }
        String mechanism = env.apply("CHURNWATCH_KAFKA_SASL_MECHANISM");
        String username = env.apply("CHURNWATCH_KAFKA_SASL_USERNAME");
        if (username != null) {
            String password = secret(env, "CHURNWATCH_KAFKA_SASL_PASSWORD");
            String chosen = mechanism == null ? "PLAIN" : mechanism.toUpperCase(Locale.ROOT);
            String module = switch (chosen) {
                case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
                case "SCRAM-SHA-256", "SCRAM-SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
                default -> throw new IllegalArgumentException("CHURNWATCH_KAFKA_SASL_MECHANISM " + chosen
                        + " needs its own JAAS settings: put sasl.jaas.config in CHURNWATCH_KAFKA_PROPERTIES_FILE");
            };
            props.put("sasl.mechanism", chosen);
            // Credentials never travel in clear text unless asked for explicitly (as devstack's ExternalKafka does).
            props.putIfAbsent("security.protocol", "SASL_SSL");
            props.put("sasl.jaas.config", module + " required username=\"" + escape(username)
                    + "\" password=\"" + escape(password) + "\";");
        } else if (mechanism != null) {
            props.put("sasl.mechanism", mechanism.toUpperCase(Locale.ROOT));
        }
        String caFile = env.apply("CHURNWATCH_KAFKA_SSL_CA_FILE");
        if (caFile != null) {
            requireReadable(caFile, "CHURNWATCH_KAFKA_SSL_CA_FILE");
            props.put("ssl.truststore.type", "PEM");
            props.put("ssl.truststore.location", caFile);
        }
        String propertiesFile = env.apply("CHURNWATCH_KAFKA_PROPERTIES_FILE");
        if (propertiesFile != null) {
            requireReadable(propertiesFile, "CHURNWATCH_KAFKA_PROPERTIES_FILE");
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(propertiesFile))) {
                file.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read CHURNWATCH_KAFKA_PROPERTIES_FILE " + propertiesFile + ": " + e.getMessage(), e);
            }
            file.stringPropertyNames().forEach(name -> props.put(name, file.getProperty(name)));
        }
        return new KafkaConnection(bootstrap, props);
    }

    /** Client properties including {@code bootstrap.servers}, for a producer, consumer or admin. */
    public Properties toProperties() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        clientProperties.forEach((k, v) -> shown.put(k, isSecret(k) ? "<secret>" : v));
        return "KafkaConnection[" + bootstrapServers + (shown.isEmpty() ? "" : ", " + shown) + "]";
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.endsWith(".key")
                || k.contains("token") || k.contains("credential");
    }

    private static String secret(Function<String, String> env, String name) {
        String value = env.apply(name);
        String file = env.apply(name + "_FILE");
        if (value != null && file != null) {
            throw new IllegalArgumentException("set either " + name + " or " + name + "_FILE, not both");
        }
        if (file != null) {
            requireReadable(file, name + "_FILE");
            try {
                return Files.readString(Path.of(file)).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + name + "_FILE " + file + ": " + e.getMessage(), e);
            }
        }
        if (value == null) {
            throw new IllegalArgumentException(name + " (or " + name + "_FILE) is required with CHURNWATCH_KAFKA_SASL_USERNAME");
        }
        return value;
    }

    private static void requireReadable(String file, String variable) {
        if (!Files.isReadable(Path.of(file))) {
            throw new IllegalArgumentException(variable + " names " + file + ", which does not exist or is not readable");
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
