package io.churnwatch.devstack;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.churnwatch.connect.ElasticsearchConnection;
import java.util.Map;
import java.util.Optional;

/**
 * An Elasticsearch cluster that runs elsewhere, as the {@code CHURNWATCH_ES_*} variables describe
 * it ({@link ElasticsearchConnection#fromEnvironment(Map)} has the contract).
 */
public final class ExternalElasticsearch implements ElasticsearchCluster {

    private final ElasticsearchConnection connection;
    private final SharedClient client;

    private ExternalElasticsearch(ElasticsearchConnection connection, Map<String, String> env) {
        this.connection = connection;
        this.client = new SharedClient(connection, env);
    }

    /** The cluster the environment names, or empty when {@code CHURNWATCH_ES_URL} is unset. */
    public static Optional<ExternalElasticsearch> fromEnvironment(Map<String, String> env) {
        return ElasticsearchConnection.fromEnvironment(env)
                .map(connection -> new ExternalElasticsearch(connection, env));
    }

    @Override
    public ElasticsearchConnection connection() {
        return connection;
    }

    @Override
    public ElasticsearchClient client() {
        return client.get();
    }

    /** Closes the client; the cluster itself is not ours to stop. */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "External" + connection;
    }
}
