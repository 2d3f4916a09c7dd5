package io.churnwatch.console;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import io.churnwatch.connect.ElasticsearchConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Query DSL as JSON trees over the Elasticsearch client's own low-level REST client. The console's
 * queries (filters, nested reasons, facet aggregations, date histograms) read far better as the
 * DSL Elasticsearch documents than as the typed builders, and the answers are read as trees.
 */
public final class Es implements AutoCloseable {

    private final ElasticsearchClient client;
    private final RestClient rest;

    public Es(ElasticsearchConnection connection) {
        this.client = connection.createClient();
        this.rest = ((RestClientTransport) client._transport()).restClient();
    }

    public JsonNode search(String index, JsonNode body) {
        return send("POST", "/" + index + "/_search?ignore_unavailable=true&allow_no_indices=true", body)
                .orElseThrow();
    }

    /** The document's {@code _source}, or empty when the document (or its index) does not exist. */
    public Optional<JsonNode> get(String index, String id) {
        return send("GET", "/" + index + "/_doc/" + encode(id), null).map(doc -> doc.path("_source"));
    }

    /**
     * Creates the document unless one with that id exists; true when this call created it. Waits for
     * the refresh, so the next search sees it.
     */
    public boolean create(String index, String id, JsonNode doc) {
        try {
            send("PUT", "/" + index + "/_create/" + encode(id) + "?refresh=wait_for", doc);
            return true;
        } catch (EsException e) {
            if (e.status == 409) {
                return false;
            }
            throw e;
        }
    }

    /** A {@code _bulk} request of newline-delimited JSON; fails if any item failed. */
    public void bulk(String ndjson) {
        Request request = new Request("POST", "/_bulk");
        request.setEntity(
                new NStringEntity(ndjson, ContentType.create("application/x-ndjson", StandardCharsets.UTF_8)));
        try {
            Response response = rest.performRequest(request);
            try (InputStream in = response.getEntity().getContent()) {
                JsonNode answer = Json.MAPPER.readTree(in);
                if (answer.path("errors").asBoolean()) {
                    throw new EsException(400, "bulk request had failed items");
                }
            }
        } catch (ResponseException e) {
            throw new EsException(e.getResponse().getStatusLine().getStatusCode(), "bulk request failed");
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch bulk: " + e.getMessage(), e);
        }
    }

    public void put(String path, JsonNode body) {
        send("PUT", path, body);
    }

    /** Sends a request; empty for a 404, an {@link EsException} for any other error status. */
    public Optional<JsonNode> send(String method, String path, JsonNode body) {
        Request request = new Request(method, path);
        if (body != null) {
            request.setEntity(new NStringEntity(Json.write(body), ContentType.APPLICATION_JSON));
        }
        try {
            Response response = rest.performRequest(request);
            try (InputStream in = response.getEntity().getContent()) {
                return Optional.of(Json.MAPPER.readTree(in));
            }
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 404) {
                return Optional.empty();
            }
            throw new EsException(status, method + " " + path + " answered " + status);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch " + method + " " + path + ": " + e.getMessage(), e);
        }
    }

    private static String encode(String id) {
        return java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        ElasticsearchConnection.close(client);
    }

    /** An error answer; its message names the request, never a credential. */
    public static final class EsException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        EsException(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
