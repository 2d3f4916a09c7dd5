package io.churnwatch.connect;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Asks the cluster who it is, once, before a command starts work, and turns what the Kafka client
 * says when it is refused into what to fix. A client without credentials against a SASL_SSL
 * listener is not told "refused": the broker drops the connection, and the client retries until
 * "Timed out waiting for a node assignment". A wrong password gives "invalid credentials" without
 * the user's name. This class says which user, which mechanism and which variables to check,
 * and never echoes a secret (the connection holds none).
 */
public final class KafkaConnectionCheck {

    private static final Pattern USERNAME = Pattern.compile("username=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private KafkaConnectionCheck() {}

    /** Fails with a message that says what is wrong when the cluster does not accept {@code connection}. */
    public static void verify(KafkaConnection connection, Duration timeout) {
        Map<String, Object> props = new HashMap<>(connection.clientProperties());
        int millis = Math.toIntExact(timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().clusterId().get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while connecting to Kafka at " + connection.bootstrapServers());
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            throw new IllegalStateException(explain(connection, e), e);
        }
    }

    /** What a failure to reach the cluster means for this connection, with what to check. */
    public static String explain(KafkaConnection connection, Throwable failure) {
        String bootstrap = connection.bootstrapServers();
        Map<String, String> props = connection.properties();
        String protocol = props.getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
        String mechanism = props.getOrDefault("sasl.mechanism", "PLAIN");
        Optional<String> user = username(connection);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SaslAuthenticationException) {
                return "Kafka at " + bootstrap + " refused "
                        + user.map(u -> "user " + u).orElse("the client")
                        + " (" + mechanism + "): authentication failed (" + t.getMessage() + "); check "
                        + KafkaConnection.SASL_USERNAME + " and the password in " + KafkaConnection.SASL_PASSWORD
                        + " or " + KafkaConnection.SASL_PASSWORD + "_FILE";
            }
            if (t instanceof SslAuthenticationException) {
                return "the TLS handshake with Kafka at " + bootstrap + " failed (" + rootMessage(t)
                        + "); check that " + KafkaConnection.SSL_CA_FILE
                        + " holds the CA that signed the broker's certificate and that the certificate names "
                        + bootstrap;
            }
            if (t instanceof TimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                String hint = protocol.equals("SASL_SSL")
                        ? "is it up, and does this listener speak SASL_SSL?"
                        : "if its listener requires TLS or SASL (security.protocol here is " + protocol
                                + "), set " + KafkaConnection.SECURITY_PROTOCOL + " and the credentials ("
                                + KafkaConnection.SASL_USERNAME + ", " + KafkaConnection.SASL_PASSWORD
                                + ", " + KafkaConnection.SSL_CA_FILE + ")";
                return "Kafka at " + bootstrap + " did not accept a connection in time with security.protocol "
                        + protocol + user.map(u -> " as user " + u).orElse(" and no credentials") + "; " + hint;
            }
        }
        return "cannot reach Kafka at " + bootstrap + ": " + rootMessage(failure);
    }

    static Optional<String> username(KafkaConnection connection) {
        String jaas = connection.properties().get("sasl.jaas.config");
        if (jaas == null) {
            return Optional.empty();
        }
        Matcher m = USERNAME.matcher(jaas);
        return m.find() ? Optional.of(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")) : Optional.empty();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
