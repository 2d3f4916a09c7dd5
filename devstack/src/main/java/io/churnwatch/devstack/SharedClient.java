package io.churnwatch.devstack;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.churnwatch.connect.ElasticsearchConnection;
import java.util.Map;

/** The one client a cluster hands out, built on first use and closed with the cluster. */
final class SharedClient {

    private final ElasticsearchConnection connection;
    private final Map<String, String> environment;
    private ElasticsearchClient client;
    private boolean closed;

    SharedClient(ElasticsearchConnection connection) {
        this(connection, System.getenv());
    }

    /** @param environment where secrets named by environment variable are read */
    SharedClient(ElasticsearchConnection connection, Map<String, String> environment) {
        this.connection = connection;
        this.environment = environment;
    }

    synchronized ElasticsearchClient get() {
        if (closed) {
            throw new IllegalStateException("Elasticsearch on " + connection.hostsDescription() + " is closed");
        }
        if (client == null) {
            client = connection.createClient(environment);
        }
        return client;
    }

    synchronized void close() {
        closed = true;
        if (client != null) {
            ElasticsearchConnection.close(client);
            client = null;
        }
    }
}
