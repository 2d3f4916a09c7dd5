package io.churnwatch.devstack;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.churnwatch.connect.ElasticsearchConnection;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.utility.DockerImageName;

/** The same server version as {@link LocalElasticsearch}, in Docker, configured the same way. */
public final class ContainerElasticsearch implements ElasticsearchCluster {

    static final DockerImageName IMAGE =
            DockerImageName.parse("docker.elastic.co/elasticsearch/elasticsearch:" + Versions.ELASTICSEARCH);

    private final ElasticsearchContainer container;
    private final ElasticsearchConnection connection;
    private final SharedClient client;

    private ContainerElasticsearch(ElasticsearchContainer container) {
        this.container = container;
        this.connection = ElasticsearchConnection.of("http://" + container.getHttpHostAddress());
        this.client = new SharedClient(connection);
    }

    /** Starts the container; needs a Docker engine (see {@link Docker#available()}). */
    @SuppressWarnings("resource") // closed by close()
    public static ContainerElasticsearch start() {
        ElasticsearchContainer container = new ElasticsearchContainer(IMAGE)
                .withEnv("xpack.security.enabled", "false")
                .withEnv("discovery.type", "single-node")
                .withEnv("cluster.routing.allocation.disk.threshold_enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        container.start();
        return new ContainerElasticsearch(container);
    }

    @Override
    public ElasticsearchConnection connection() {
        return connection;
    }

    @Override
    public ElasticsearchClient client() {
        return client.get();
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            container.stop();
        }
    }

    @Override
    public String toString() {
        return "ContainerElasticsearch[" + IMAGE + "]";
    }
}
