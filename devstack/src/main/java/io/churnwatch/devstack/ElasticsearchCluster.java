package io.churnwatch.devstack;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.churnwatch.connect.ElasticsearchConnection;

/**
 * An Elasticsearch cluster: the {@link LocalElasticsearch} node, an {@link ExternalElasticsearch}
 * named by the environment, or a {@link ContainerElasticsearch}.
 */
public interface ElasticsearchCluster extends AutoCloseable {

    /** How to reach it, credentials and trust included: pass this to the jobs and every client. */
    ElasticsearchConnection connection();

    /** Base URL without credentials, safe to log. */
    default String httpUrl() {
        return connection().httpUrl();
    }

    /** A client with this cluster's credentials; shared, and closed by {@link #close()}. */
    ElasticsearchClient client();

    @Override
    void close();
}
