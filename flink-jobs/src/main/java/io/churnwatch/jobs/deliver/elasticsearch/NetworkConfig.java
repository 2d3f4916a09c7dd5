package io.churnwatch.jobs.deliver.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.TransportUtils;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import javax.net.ssl.SSLContext;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How to reach Elasticsearch: hosts, credentials, TLS and timeouts. Serializable and free of
 * secret values, so it travels with the sink; {@link #createAsyncClient()} builds the client on
 * the worker, reading secrets there from the environment or files.
 *
 * <p>The client is the official Java API client over the low-level {@link RestClient} transport
 * (the only one 8.19 ships), with the Jackson mapper.
 */
public final class NetworkConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> hosts;
    private final String username;
    private final SecretSource password;
    private final SecretSource apiKey;
    private final SecretSource bearerToken;
    private final String caCertificatePath;
    private final Duration connectTimeout;
    private final Duration socketTimeout;

    private NetworkConfig(Builder builder) {
        this.hosts = List.copyOf(builder.hosts);
        this.username = builder.username;
        this.password = builder.password;
        this.apiKey = builder.apiKey;
        this.bearerToken = builder.bearerToken;
        this.caCertificatePath = builder.caCertificatePath;
        this.connectTimeout = builder.connectTimeout;
        this.socketTimeout = builder.socketTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Shorthand for an unsecured cluster, e.g. {@code NetworkConfig.of("http://127.0.0.1:9200")}. */
    public static NetworkConfig of(String... hosts) {
        Builder builder = builder();
        for (String host : hosts) {
            builder.host(host);
        }
        return builder.build();
    }

    public List<String> hosts() {
        return hosts;
    }

    /** The hosts, for messages and logs; they carry no credentials (the builder refuses them). */
    public String hostsDescription() {
        return String.join(",", hosts);
    }

    /** A client for one-off calls, e.g. installing index templates at job start. */
    public ElasticsearchClient createClient() {
        return new ElasticsearchClient(createTransport());
    }

    /** The non-blocking client the sink writer sends bulk requests with. */
    public ElasticsearchAsyncClient createAsyncClient() {
        return new ElasticsearchAsyncClient(createTransport());
    }

    ElasticsearchTransport createTransport() {
        return new RestClientTransport(createRestClient(), new JacksonJsonpMapper());
    }

    RestClient createRestClient() {
        HttpHost[] httpHosts = hosts.stream().map(HttpHost::create).toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(httpHosts);
        builder.setRequestConfigCallback(request -> request
                .setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()))
                .setSocketTimeout(Math.toIntExact(socketTimeout.toMillis())));

        List<Header> headers = new ArrayList<>();
        if (apiKey != null) {
            headers.add(new BasicHeader("Authorization", "ApiKey " + apiKey.resolve()));
        }
        if (bearerToken != null) {
            headers.add(new BasicHeader("Authorization", "Bearer " + bearerToken.resolve()));
        }
        if (!headers.isEmpty()) {
            builder.setDefaultHeaders(headers.toArray(Header[]::new));
        }

        BasicCredentialsProvider credentials = basicCredentials();
        SSLContext sslContext = sslContext();
        if (credentials != null || sslContext != null) {
            builder.setHttpClientConfigCallback(http -> {
                if (credentials != null) {
                    http.setDefaultCredentialsProvider(credentials);
                }
                if (sslContext != null) {
                    http.setSSLContext(sslContext);
                }
                return http;
            });
        }
        return builder.build();
    }

    private BasicCredentialsProvider basicCredentials() {
        if (username == null) {
            return null;
        }
        BasicCredentialsProvider provider = new BasicCredentialsProvider();
        provider.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(username, password.resolve()));
        return provider;
    }

    private SSLContext sslContext() {
        if (caCertificatePath == null) {
            return null;
        }
        try {
            return TransportUtils.sslContextFromHttpCaCrt(new File(caCertificatePath));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot load the Elasticsearch CA certificate "
                    + caCertificatePath + ": " + e.getMessage(), e);
        }
    }

    /** Describes the configuration without any secret: sources are shown by name only. */
    @Override
    public String toString() {
        return "NetworkConfig{hosts=" + hosts
                + (username != null ? ", basic auth as " + username + " (password from " + password + ")" : "")
                + (apiKey != null ? ", API key from " + apiKey : "")
                + (bearerToken != null ? ", bearer token from " + bearerToken : "")
                + (caCertificatePath != null ? ", CA " + caCertificatePath : "")
                + ", connectTimeout=" + connectTimeout + ", socketTimeout=" + socketTimeout + "}";
    }

    /** Collects the settings; {@link #build()} checks them all and names every problem. */
    public static final class Builder {
        private final List<String> hosts = new ArrayList<>();
        private String username;
        private SecretSource password;
        private SecretSource apiKey;
        private SecretSource bearerToken;
        private String caCertificatePath;
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

        /** Basic authentication; the password is read on the worker from {@code password}. */
        public Builder basicAuth(String username, SecretSource password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** An API key, already base64-encoded as Elasticsearch returns it ({@code encoded}). */
        public Builder apiKey(SecretSource apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder bearerToken(SecretSource bearerToken) {
            this.bearerToken = bearerToken;
            return this;
        }

        /** PEM file of the CA that signed the cluster's HTTP certificate ({@code http_ca.crt}). */
        public Builder caCertificate(String path) {
            this.caCertificatePath = path;
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

        public NetworkConfig build() {
            List<String> problems = new ArrayList<>();
            if (hosts.isEmpty()) {
                problems.add("no hosts: add at least one, e.g. host(\"http://127.0.0.1:9200\")");
            }
            for (String host : hosts) {
                checkHost(host, problems);
            }
            if (username != null && username.isBlank()) {
                problems.add("basic auth needs a username");
            }
            if (username != null && password == null) {
                problems.add("basic auth for " + username + " needs a password source");
            }
            long schemes = (username != null ? 1 : 0) + (apiKey != null ? 1 : 0) + (bearerToken != null ? 1 : 0);
            if (schemes > 1) {
                problems.add("choose one of basic auth, API key or bearer token, not " + schemes);
            }
            if (caCertificatePath != null && !new File(caCertificatePath).isFile()) {
                problems.add("CA certificate " + caCertificatePath + " is not a file");
            }
            checkTimeout("connectTimeout", connectTimeout, problems);
            checkTimeout("socketTimeout", socketTimeout, problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid Elasticsearch network config: "
                        + problems.stream().collect(Collectors.joining("; ")));
            }
            return new NetworkConfig(this);
        }

        private static void checkHost(String host, List<String> problems) {
            URI uri;
            try {
                uri = URI.create(host);
            } catch (IllegalArgumentException e) {
                problems.add("host " + host + " is not a URL like http://127.0.0.1:9200");
                return;
            }
            if (uri.getUserInfo() != null) {
                // Said without echoing the host: it holds a credential.
                problems.add("a host URL contains credentials; use basicAuth(...) with a secret source instead");
                return;
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                problems.add("host " + host + " needs an http:// or https:// scheme");
            } else if (uri.getHost() == null || uri.getPort() < 0) {
                problems.add("host " + host + " needs a host name and a port, e.g. http://127.0.0.1:9200");
            }
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
