package io.churnwatch.devstack;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.TransportUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * An Elasticsearch cluster that runs elsewhere, configured from the environment:
 * <ul>
 *   <li>{@code CHURNWATCH_ES_URL}: base URL, without credentials (required; without it there is no
 *       external cluster)
 *   <li>{@code CHURNWATCH_ES_API_KEY} (or {@code _FILE}): the encoded API key, or
 *   <li>{@code CHURNWATCH_ES_USERNAME} and {@code CHURNWATCH_ES_PASSWORD} (or {@code _FILE}): basic auth
 *   <li>{@code CHURNWATCH_ES_CA_FILE}: PEM file of the CA behind an https URL, or
 *       {@code CHURNWATCH_ES_CA_FINGERPRINT}: its SHA-256 fingerprint, as ES prints it on first start
 * </ul>
 */
public final class ExternalElasticsearch implements ElasticsearchCluster {

    static final String URL = "CHURNWATCH_ES_URL";

    private final String httpUrl;
    private final Map<String, String> headers;
    private final Optional<SSLContext> sslContext;
    private final String description;
    private ElasticsearchClient client;
    private boolean closed;

    private ExternalElasticsearch(String httpUrl, Map<String, String> headers, Optional<SSLContext> sslContext, String description) {
        this.httpUrl = httpUrl;
        this.headers = headers;
        this.sslContext = sslContext;
        this.description = description;
    }

    /** The cluster the environment names, or empty when {@code CHURNWATCH_ES_URL} is unset. */
    public static Optional<ExternalElasticsearch> fromEnvironment(Map<String, String> env) {
        String url = Secret.blankToNull(env.get(URL));
        if (url == null) {
            return Optional.empty();
        }
        URI uri = URI.create(url);
        if (uri.getUserInfo() != null) {
            // Credentials in a URL end up in logs and exception messages.
            throw new IllegalArgumentException(URL + " contains credentials; remove them from the URL and set "
                    + "CHURNWATCH_ES_USERNAME and CHURNWATCH_ES_PASSWORD (or CHURNWATCH_ES_API_KEY) instead");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException(URL + " must start with http:// or https://, got scheme " + uri.getScheme());
        }
        String safeUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;

        Optional<Secret> apiKey = Secret.fromEnvironment(env, "CHURNWATCH_ES_API_KEY");
        String username = Secret.blankToNull(env.get("CHURNWATCH_ES_USERNAME"));
        Optional<Secret> password = Secret.fromEnvironment(env, "CHURNWATCH_ES_PASSWORD");
        if (apiKey.isPresent() && (username != null || password.isPresent())) {
            throw new IllegalArgumentException("both CHURNWATCH_ES_API_KEY and CHURNWATCH_ES_USERNAME/PASSWORD are set;"
                    + " use one way to authenticate");
        }
        if ((username == null) != password.isEmpty()) {
            throw new IllegalArgumentException("CHURNWATCH_ES_USERNAME and CHURNWATCH_ES_PASSWORD (or _PASSWORD_FILE)"
                    + " go together; one of them is missing");
        }
        String auth = "none";
        Map<String, String> headers = Map.of();
        if (apiKey.isPresent()) {
            auth = "api-key";
            headers = Map.of("Authorization", "ApiKey " + apiKey.get().reveal());
        } else if (username != null) {
            auth = "basic(" + username + ")";
            String token = Base64.getEncoder().encodeToString(
                    (username + ":" + password.get().reveal()).getBytes(StandardCharsets.UTF_8));
            headers = Map.of("Authorization", "Basic " + token);
        }

        String caFile = Secret.blankToNull(env.get("CHURNWATCH_ES_CA_FILE"));
        String fingerprint = Secret.blankToNull(env.get("CHURNWATCH_ES_CA_FINGERPRINT"));
        if ((caFile != null || fingerprint != null) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("a CA is configured but " + URL + " is " + safeUrl + "; use https://");
        }
        if (caFile != null && fingerprint != null) {
            throw new IllegalArgumentException("both CHURNWATCH_ES_CA_FILE and CHURNWATCH_ES_CA_FINGERPRINT are set; set one");
        }
        Optional<SSLContext> ssl = Optional.empty();
        String trust = "system";
        if (caFile != null) {
            try {
                ssl = Optional.of(TransportUtils.sslContextFromHttpCaCrt(new File(caFile)));
                trust = caFile;
            } catch (IOException e) {
                throw new UncheckedIOException("CHURNWATCH_ES_CA_FILE points to " + caFile + ", which cannot be read: "
                        + e.getMessage(), e);
            }
        } else if (fingerprint != null) {
            ssl = Optional.of(TransportUtils.sslContextFromCaFingerprint(fingerprint));
            trust = "fingerprint " + fingerprint;
        }
        return Optional.of(new ExternalElasticsearch(safeUrl, headers, ssl,
                "ExternalElasticsearch[" + safeUrl + ", auth=" + auth + ", trust=" + trust + "]"));
    }

    @Override
    public String httpUrl() {
        return httpUrl;
    }

    @Override
    public synchronized ElasticsearchClient client() {
        if (closed) {
            throw new IllegalStateException(description + " is closed");
        }
        if (client == null) {
            client = ElasticsearchClients.create(httpUrl, headers, sslContext);
        }
        return client;
    }

    /** Closes the client; the cluster itself is not ours to stop. */
    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            ElasticsearchClients.close(client);
            client = null;
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
