package io.churnwatch.devstack;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Builds the official Java client the same way for every kind of cluster. */
public final class ElasticsearchClients {

    private ElasticsearchClients() {
    }

    /** A client without credentials, for the local node or a container. */
    public static ElasticsearchClient create(String httpUrl) {
        return create(httpUrl, Map.of(), Optional.empty());
    }

    /**
     * @param headers sent with every request, e.g. {@code Authorization}; never logged here
     * @param sslContext trust for a cluster whose certificate is signed by a private CA
     */
    public static ElasticsearchClient create(String httpUrl, Map<String, String> headers, Optional<SSLContext> sslContext) {
        RestClientBuilder builder = RestClient.builder(HttpHost.create(httpUrl))
                .setDefaultHeaders(headers.entrySet().stream()
                        .map(e -> (Header) new BasicHeader(e.getKey(), e.getValue()))
                        .toArray(Header[]::new));
        sslContext.ifPresent(ssl -> builder.setHttpClientConfigCallback(http -> http.setSSLContext(ssl)));
        return new ElasticsearchClient(new RestClientTransport(builder.build(), new JacksonJsonpMapper(objectMapper())));
    }

    /** Documents carry {@code Instant}s and {@code LocalDate}s; ES wants them as ISO-8601 strings. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    static void close(ElasticsearchClient client) {
        try {
            client._transport().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the Elasticsearch client: " + e.getMessage(), e);
        }
    }
}
