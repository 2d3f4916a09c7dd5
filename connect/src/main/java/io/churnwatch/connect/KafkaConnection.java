package io.churnwatch.connect;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Where the Kafka cluster is and how to authenticate to it, for every client ChurnWatch creates:
 * the jobs' sources and sinks, the CLI, the demo, the benchmarks and the dev stack.
 *
 * <p>Read from the environment by {@link #fromEnvironment(Map)}; docs/connections.md has the table
 * and {@code KafkaConnectionEnvironmentTest} pins it:
 * <ul>
 *   <li>{@code CHURNWATCH_KAFKA_BOOTSTRAP}: bootstrap servers (a {@code --bootstrap-servers} option wins)
 *   <li>{@code CHURNWATCH_KAFKA_PROPERTIES_FILE}: any client properties (mTLS keystores, OAUTHBEARER,
 *       timeouts); the variables below win over it
 *   <li>{@code CHURNWATCH_KAFKA_SECURITY_PROTOCOL}: {@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT}
 *       or {@code SASL_SSL}, in any case
 *   <li>{@code CHURNWATCH_KAFKA_SASL_USERNAME} with {@code CHURNWATCH_KAFKA_SASL_PASSWORD} or
 *       {@code CHURNWATCH_KAFKA_SASL_PASSWORD_FILE}, and {@code CHURNWATCH_KAFKA_SASL_MECHANISM}
 *       ({@code PLAIN}, {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}, any case; default {@code PLAIN});
 *       credentials need a {@code SASL_*} protocol and default to {@code SASL_SSL}
 *   <li>{@code CHURNWATCH_KAFKA_SSL_CA_FILE}: PEM of the CA that signed the brokers' certificates;
 *       needs an {@code SSL} or {@code SASL_SSL} protocol and defaults to {@code SSL}
 * </ul>
 *
 * <p>No secret value is held here. The SASL password and every password-typed property of the
 * properties file are written as placeholders that {@link SecretRefConfigProvider} resolves inside
 * the Kafka client, on the machine that connects; so this record can be serialized with a Flink
 * job graph, and {@link #toString()} can be logged.
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> properties) implements Serializable {

    public static final String BOOTSTRAP = "CHURNWATCH_KAFKA_BOOTSTRAP";
    public static final String PROPERTIES_FILE = "CHURNWATCH_KAFKA_PROPERTIES_FILE";
    public static final String SECURITY_PROTOCOL = "CHURNWATCH_KAFKA_SECURITY_PROTOCOL";
    public static final String SASL_MECHANISM = "CHURNWATCH_KAFKA_SASL_MECHANISM";
    public static final String SASL_USERNAME = "CHURNWATCH_KAFKA_SASL_USERNAME";
    public static final String SASL_PASSWORD = "CHURNWATCH_KAFKA_SASL_PASSWORD";
    public static final String SSL_CA_FILE = "CHURNWATCH_KAFKA_SSL_CA_FILE";

    static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL", "SSL");
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");
    private static final Set<String> PASSWORD_PROPERTIES = passwordProperties();
    /** Properties the clients do not define themselves (serdes, interceptors) may hold secrets too. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|jaas|secret|token|credential|\\.key$).*");

    public KafkaConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(
                    "Kafka bootstrap servers are not set: pass --bootstrap-servers or set " + BOOTSTRAP);
        }
        bootstrapServers = bootstrapServers.strip();
        properties = Map.copyOf(properties);
    }

    /** An unsecured cluster, e.g. the embedded broker. */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /** The cluster this process's environment names, or empty when {@code CHURNWATCH_KAFKA_BOOTSTRAP} is unset. */
    public static Optional<KafkaConnection> fromEnvironment(Map<String, String> env) {
        return new EnvironmentReader(env).text(BOOTSTRAP).map(bootstrap -> read(env, bootstrap));
    }

    /**
     * The connection the environment describes, with {@code bootstrapServers} (a command-line
     * option, may be null) winning over {@code CHURNWATCH_KAFKA_BOOTSTRAP}.
     */
    public static KafkaConnection fromEnvironment(Map<String, String> env, String bootstrapServers) {
        String bootstrap = bootstrapServers != null && !bootstrapServers.isBlank()
                ? bootstrapServers
                : new EnvironmentReader(env).text(BOOTSTRAP).orElse(null);
        return read(env, bootstrap);
    }

    /** {@link #fromEnvironment(Map, String)} on this process's environment. */
    public static KafkaConnection fromEnvironment(String bootstrapServers) {
        return fromEnvironment(System.getenv(), bootstrapServers);
    }

    private static KafkaConnection read(Map<String, String> env, String bootstrap) {
        if (bootstrap == null) {
            throw new IllegalArgumentException(
                    "Kafka bootstrap servers are not set: pass --bootstrap-servers or set " + BOOTSTRAP);
        }
        EnvironmentReader vars = new EnvironmentReader(env);
        Map<String, String> props = new TreeMap<>();
        vars.file(PROPERTIES_FILE).ifPresent(file -> props.putAll(propertiesFile(file)));

        Optional<String> username = vars.text(SASL_USERNAME);
        Optional<SecretRef> password = vars.secret(SASL_PASSWORD);
        Optional<String> caFile = vars.file(SSL_CA_FILE);
        boolean credentials = username.isPresent() || password.isPresent();
        if (credentials && (username.isEmpty() || password.isEmpty())) {
            throw new IllegalArgumentException(SASL_USERNAME + " and " + SASL_PASSWORD + " (or " + SASL_PASSWORD
                    + "_FILE) go together; " + (username.isEmpty() ? SASL_USERNAME : SASL_PASSWORD) + " is missing");
        }

        Optional<String> protocol = vars.text(SECURITY_PROTOCOL).map(p -> p.toUpperCase(Locale.ROOT));
        if (protocol.isPresent() && !PROTOCOLS.contains(protocol.get())) {
            throw new IllegalArgumentException(
                    SECURITY_PROTOCOL + " is \"" + protocol.get() + "\"; use one of " + PROTOCOLS);
        }
        String effective = protocol.or(() ->
                        Optional.ofNullable(props.get("security.protocol")).map(p -> p.toUpperCase(Locale.ROOT)))
                .orElse(credentials ? "SASL_SSL" : caFile.isPresent() ? "SSL" : "PLAINTEXT");
        if (credentials && !effective.startsWith("SASL_")) {
            throw new IllegalArgumentException("SASL credentials are set but the security protocol is " + effective
                    + "; set " + SECURITY_PROTOCOL + " to SASL_SSL (or SASL_PLAINTEXT on a trusted network)");
        }
        if (caFile.isPresent() && !effective.endsWith("SSL")) {
            throw new IllegalArgumentException(SSL_CA_FILE + " is set but the security protocol is " + effective
                    + "; set " + SECURITY_PROTOCOL + " to SSL or SASL_SSL");
        }
        if (protocol.isPresent() || credentials || caFile.isPresent()) {
            props.put("security.protocol", effective);
        }

        Optional<String> mechanism = vars.text(SASL_MECHANISM).map(m -> m.toUpperCase(Locale.ROOT));
        if (credentials) {
            String chosen = mechanism.orElse("PLAIN");
            String module = LOGIN_MODULES.get(chosen);
            if (module == null) {
                throw new IllegalArgumentException(SASL_MECHANISM + " is \"" + chosen + "\"; with "
                        + SASL_USERNAME + " use one of " + new TreeMap<>(LOGIN_MODULES).keySet()
                        + ", or put sasl.mechanism and sasl.jaas.config in " + PROPERTIES_FILE);
            }
            props.put("sasl.mechanism", chosen);
            props.put(
                    "sasl.jaas.config",
                    module + " required username=\"" + jaasQuoted(username.get()) + "\" password=\""
                            + SecretRefConfigProvider.placeholder(password.get()) + "\";");
        } else {
            mechanism.ifPresent(m -> props.put("sasl.mechanism", m));
        }
        caFile.ifPresent(ca -> {
            props.put("ssl.truststore.type", "PEM");
            props.put("ssl.truststore.location", ca);
        });
        if (props.values().stream().anyMatch(v -> v.contains("${" + SecretRefConfigProvider.ALIAS + ":"))) {
            String providers = props.get("config.providers");
            props.put(
                    "config.providers",
                    providers == null || providers.isBlank()
                            ? SecretRefConfigProvider.ALIAS
                            : providers + "," + SecretRefConfigProvider.ALIAS);
            props.put(
                    "config.providers." + SecretRefConfigProvider.ALIAS + ".class",
                    SecretRefConfigProvider.class.getName());
        }
        return new KafkaConnection(bootstrap, props);
    }

    /** The file's properties, with each password-typed value replaced by a reference to it. */
    private static Map<String, String> propertiesFile(String file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file))) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    PROPERTIES_FILE + " points to " + file + ", which cannot be read: "
                            + e.getClass().getSimpleName(),
                    e);
        }
        Map<String, String> props = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key);
            boolean alreadyAReference = value.startsWith("${");
            props.put(
                    key,
                    isSecret(key) && !alreadyAReference
                            ? SecretRefConfigProvider.propertyPlaceholder(file, key)
                            : value);
        }
        return props;
    }

    /** Whether a client property may hold a secret: the clients' PASSWORD-typed settings, and any name that says so. */
    public static boolean isSecret(String propertyName) {
        return PASSWORD_PROPERTIES.contains(propertyName)
                || SECRET_NAME.matcher(propertyName).matches();
    }

    /** Every setting a client needs, {@code bootstrap.servers} included, for a producer, consumer or admin. */
    public Map<String, String> clientProperties() {
        Map<String, String> all = new TreeMap<>(properties);
        all.put("bootstrap.servers", bootstrapServers);
        return all;
    }

    /** {@link #clientProperties()} as {@link Properties}, which Kafka's and Flink's builders take. */
    public Properties toProperties() {
        Properties props = new Properties();
        props.putAll(clientProperties());
        return props;
    }

    @Override
    public String toString() {
        return "KafkaConnection[" + bootstrapServers
                + properties.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) ? Secret.MASK : e.getValue()))
                        .collect(Collectors.joining(
                                ", ", properties.isEmpty() ? "" : ", {", properties.isEmpty() ? "" : "}"))
                + "]";
    }

    private static String jaasQuoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static Set<String> passwordProperties() {
        Set<String> names = new HashSet<>();
        for (ConfigDef def :
                List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())) {
            def.configKeys().forEach((name, key) -> {
                if (key.type == ConfigDef.Type.PASSWORD) {
                    names.add(name);
                }
            });
        }
        return Set.copyOf(names);
    }
}
