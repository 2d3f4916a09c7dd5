package io.churnwatch.devstack;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

/**
 * An Elasticsearch cluster: the {@link LocalElasticsearch} node, an {@link ExternalElasticsearch}
 * named by the environment, or a {@link ContainerElasticsearch}.
 */
public interface ElasticsearchCluster extends AutoCloseable {

    /** Base URL without credentials, safe to log. */
    String httpUrl();

    /** A client with this cluster's credentials; shared, and closed by {@link #close()}. */
    ElasticsearchClient client();

    @Override
    void close();
}
