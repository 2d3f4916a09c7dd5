package io.churnwatch.connect;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.TransportUtils;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * How to reach Elasticsearch: hosts, credentials, TLS trust and timeouts, for every client
 * ChurnWatch creates (the jobs' sinks, the notification log, the CLI, the dev stack).
 *
 * <p>Read from the environment by {@link #fromEnvironment(Map)}; docs/connections.md has the table
 * and {@code ElasticsearchConnectionEnvironmentTest} pins it:
 * <ul>
 *   <li>{@code CHURNWATCH_ES_URL}: one or more comma-separated {@code http(s)://host:port} URLs,
 *       without credentials (an {@code --elasticsearch} option wins)
 *   <li>{@code CHURNWATCH_ES_API_KEY} or {@code CHURNWATCH_ES_API_KEY_FILE}: the encoded API key, or
 *   <li>{@code CHURNWATCH_ES_USERNAME} with {@code CHURNWATCH_ES_PASSWORD} or
 *       {@code CHURNWATCH_ES_PASSWORD_FILE}: basic authentication
 *   <li>{@code CHURNWATCH_ES_CA_FILE}: PEM of the CA behind an https URL, or
 *       {@code CHURNWATCH_ES_CA_FINGERPRINT}: its SHA-256 fingerprint, as Elasticsearch prints it on
 *       first start
 * </ul>
 *
 * <p>Serializable and free of secret values: credentials are {@link SecretRef}s, resolved when
 * {@link #createClient()} or {@link #createAsyncClient()} builds a client on the machine that
 * connects. The client is the official Java API client over the low-level {@link RestClient}
 * transport (the only one 8.19 ships), with a Jackson mapper that writes {@code java.time} values
 * as ISO-8601 strings.
 */
public final class ElasticsearchConnection implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String URL = "CHURNWATCH_ES_URL";
    public static final String API_KEY = "CHURNWATCH_ES_API_KEY";
    public static final String USERNAME = "CHURNWATCH_ES_USERNAME";
    public static final String PASSWORD = "CHURNWATCH_ES_PASSWORD";
    public static final String CA_FILE = "CHURNWATCH_ES_CA_FILE";
    public static final String CA_FINGERPRINT = "CHURNWATCH_ES_CA_FINGERPRINT";

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> hosts;
    private final String username;
    private final SecretRef password;
    private final SecretRef apiKey;
    private final String caFile;
    private final String caFingerprint;
    private final Duration connectTimeout;
    private final Duration socketTimeout;

    private ElasticsearchConnection(Builder builder) {
        this.hosts = List.copyOf(builder.hosts);
        this.username = builder.username;
        this.password = builder.password;
        this.apiKey = builder.apiKey;
        this.caFile = builder.caFile;
        this.caFingerprint = builder.caFingerprint;
        this.connectTimeout = builder.connectTimeout;
        this.socketTimeout = builder.socketTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An unsecured cluster, e.g. {@code ElasticsearchConnection.of("http://127.0.0.1:9200")}. */
    public static ElasticsearchConnection of(String... hosts) {
        return builder().hosts(Arrays.asList(hosts)).build();
    }

    /** The cluster this process's environment names, or empty when {@code CHURNWATCH_ES_URL} is unset. */
    public static Optional<ElasticsearchConnection> fromEnvironment(Map<String, String> env) {
        return new EnvironmentReader(env).text(URL).map(urls -> read(env, urls));
    }

    /**
     * The connection the environment describes, with {@code urls} (a command-line option, may be
     * null) winning over {@code CHURNWATCH_ES_URL}.
     */
    public static ElasticsearchConnection fromEnvironment(Map<String, String> env, String urls) {
        String chosen = urls != null && !urls.isBlank()
                ? urls
                : new EnvironmentReader(env).text(URL).orElse(null);
        if (chosen == null) {
            throw new IllegalArgumentException("Elasticsearch is not set: pass --elasticsearch or set " + URL);
        }
        return read(env, chosen);
    }

    /** {@link #fromEnvironment(Map, String)} on this process's environment. */
    public static ElasticsearchConnection fromEnvironment(String urls) {
        return fromEnvironment(System.getenv(), urls);
    }

    private static ElasticsearchConnection read(Map<String, String> env, String urls) {
        EnvironmentReader vars = new EnvironmentReader(env);
        Builder builder = builder();
        Arrays.stream(urls.split(","))
                .map(String::strip)
                .filter(u -> !u.isEmpty())
                .map(ElasticsearchConnection::withoutTrailingSlash)
                .forEach(builder::host);
        Optional<SecretRef> apiKey = vars.secret(API_KEY);
        Optional<String> username = vars.text(USERNAME);
        Optional<SecretRef> password = vars.secret(PASSWORD);
        if (apiKey.isPresent() && (username.isPresent() || password.isPresent())) {
            throw new IllegalArgumentException(
                    "both " + API_KEY + " and " + USERNAME + "/" + PASSWORD + " are set; use one way to authenticate");
        }
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException(USERNAME + " and " + PASSWORD + " (or " + PASSWORD
                    + "_FILE) go together; " + (username.isEmpty() ? USERNAME : PASSWORD) + " is missing");
        }
        apiKey.ifPresent(builder::apiKey);
        username.ifPresent(u -> builder.basicAuth(u, password.get()));
        Optional<String> ca = vars.file(CA_FILE);
        Optional<String> fingerprint = vars.text(CA_FINGERPRINT);
        if (ca.isPresent() && fingerprint.isPresent()) {
            throw new IllegalArgumentException("both " + CA_FILE + " and " + CA_FINGERPRINT + " are set; set one");
        }
        ca.ifPresent(builder::caCertificate);
        fingerprint.ifPresent(builder::caFingerprint);
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(URL + ": " + e.getMessage(), e);
        }
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public List<String> hosts() {
        return hosts;
    }

    /** The hosts, for messages and logs; they carry no credentials (the builder refuses them). */
    public String hostsDescription() {
        return String.join(",", hosts);
    }

    /** The first host's URL, for tools that talk to one node. */
    public String httpUrl() {
        return hosts.get(0);
    }

    /** A blocking client, e.g. for installing index templates or for queries; close its transport when done. */
    public ElasticsearchClient createClient() {
        return createClient(System.getenv());
    }

    /** {@link #createClient()}, with secrets in environment variables read from {@code environment}. */
    public ElasticsearchClient createClient(Map<String, String> environment) {
        return new ElasticsearchClient(createTransport(environment));
    }

    /** The non-blocking client a sink writer sends bulk requests with. */
    public ElasticsearchAsyncClient createAsyncClient() {
        return new ElasticsearchAsyncClient(createTransport(System.getenv()));
    }

    /** Documents carry {@code Instant}s and {@code LocalDate}s; Elasticsearch wants them as ISO-8601 strings. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Closes a client made by {@link #createClient()}. */
    public static void close(ElasticsearchClient client) {
        try {
            client._transport().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the Elasticsearch client: " + e.getMessage(), e);
        }
    }

    ElasticsearchTransport createTransport(Map<String, String> environment) {
        return new RestClientTransport(createRestClient(environment), new JacksonJsonpMapper(objectMapper()));
    }

    RestClient createRestClient(Map<String, String> environment) {
        RestClientBuilder builder =
                RestClient.builder(hosts.stream().map(HttpHost::create).toArray(HttpHost[]::new));
        builder.setRequestConfigCallback(
                request -> request.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()))
                        .setSocketTimeout(Math.toIntExact(socketTimeout.toMillis())));
        authorization(environment)
                .ifPresent(value -> builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", value)}));
        SSLContext ssl = sslContext();
        if (ssl != null) {
            builder.setHttpClientConfigCallback(http -> http.setSSLContext(ssl));
        }
        return builder.build();
    }

    /** Sent with every request, so that no request goes out unauthenticated first. */
    private Optional<String> authorization(Map<String, String> environment) {
        if (apiKey != null) {
            return Optional.of("ApiKey " + apiKey.resolve(environment).reveal());
        }
        if (username != null) {
            String pair = username + ":" + password.resolve(environment).reveal();
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    private SSLContext sslContext() {
        if (caFingerprint != null) {
            return TransportUtils.sslContextFromCaFingerprint(caFingerprint);
        }
        if (caFile == null) {
            return null;
        }
        try {
            return TransportUtils.sslContextFromHttpCaCrt(new File(caFile));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot load the Elasticsearch CA certificate " + caFile + ": " + e.getMessage(), e);
        }
    }

    /** Describes the connection without any secret: credentials are shown by where they come from. */
    @Override
    public String toString() {
        return "ElasticsearchConnection[" + hostsDescription()
                + (username != null ? ", basic auth as " + username + " (password from " + password + ")" : "")
                + (apiKey != null ? ", API key from " + apiKey : "")
                + (caFile != null ? ", CA " + caFile : "")
                + (caFingerprint != null ? ", CA fingerprint " + caFingerprint : "")
                + ", connect timeout " + connectTimeout + ", socket timeout " + socketTimeout + "]";
    }

    /** Collects the settings; {@link #build()} checks them all and names every problem. */
    public static final class Builder {
        private final List<String> hosts = new ArrayList<>();
        private String username;
        private SecretRef password;
        private SecretRef apiKey;
        private String caFile;
        private String caFingerprint;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;

        private Builder() {}

        /** A node's URL, e.g. {@code https://es-1.internal:9200}. Call once per node. */
        public Builder host(String url) {
            hosts.add(Objects.requireNonNull(url, "url"));
            return this;
        }

        public Builder hosts(List<String> urls) {
            urls.forEach(this::host);
            return this;
        }

        /** Basic authentication; the password is resolved where the client is built. */
        public Builder basicAuth(String username, SecretRef password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** An API key, already base64-encoded as Elasticsearch returns it ({@code encoded}). */
        public Builder apiKey(SecretRef apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** PEM file of the CA that signed the cluster's HTTP certificate ({@code http_ca.crt}). */
        public Builder caCertificate(String path) {
            this.caFile = path;
            return this;
        }

        /** SHA-256 fingerprint of the CA certificate, hex, as Elasticsearch prints it on first start. */
        public Builder caFingerprint(String fingerprint) {
            this.caFingerprint = fingerprint;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder socketTimeout(Duration timeout) {
            this.socketTimeout = timeout;
            return this;
        }

        public ElasticsearchConnection build() {
            List<String> problems = new ArrayList<>();
            if (hosts.isEmpty()) {
                problems.add("no hosts: add at least one, e.g. http://127.0.0.1:9200");
            }
            boolean https = false;
            for (String host : hosts) {
                https |= checkHost(host, problems);
            }
            if (username != null && username.isBlank()) {
                problems.add("basic auth needs a username");
            }
            if (username != null && password == null) {
                problems.add("basic auth for " + username + " needs a password");
            }
            if (username != null && apiKey != null) {
                problems.add("choose basic auth or an API key, not both");
            }
            if (caFile != null && caFingerprint != null) {
                problems.add("choose a CA file or a CA fingerprint, not both");
            }
            if (caFile != null && !new File(caFile).isFile()) {
                problems.add("CA certificate " + caFile + " is not a file");
            }
            if ((caFile != null || caFingerprint != null) && !https) {
                problems.add("a CA is configured but no host uses https://");
            }
            checkTimeout("connect timeout", connectTimeout, problems);
            checkTimeout("socket timeout", socketTimeout, problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid Elasticsearch connection: " + String.join("; ", problems));
            }
            return new ElasticsearchConnection(this);
        }

        /** Checks one host; true when it is https. */
        private static boolean checkHost(String host, List<String> problems) {
            URI uri;
            try {
                uri = URI.create(host);
            } catch (IllegalArgumentException e) {
                problems.add("host " + host + " is not a URL like http://127.0.0.1:9200");
                return false;
            }
            if (uri.getUserInfo() != null) {
                // Said without echoing the host: it holds a credential, and URLs end up in logs.
                problems.add("a host URL contains credentials; remove them and set " + USERNAME + " and " + PASSWORD
                        + " (or " + API_KEY + ") instead");
                return false;
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                problems.add("host " + host + " needs an http:// or https:// scheme");
            } else if (uri.getHost() == null || uri.getPort() < 0) {
                problems.add("host " + host + " needs a host name and a port, e.g. http://127.0.0.1:9200");
            }
            return "https".equals(uri.getScheme());
        }

        private static void checkTimeout(String name, Duration timeout, List<String> problems) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                problems.add(name + " must be positive, was " + timeout);
            } else if (timeout.toMillis() > Integer.MAX_VALUE) {
                problems.add(name + " is too long: " + timeout);
            }
        }
    }
}
