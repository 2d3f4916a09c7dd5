package io.churnwatch.devstack;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka and Elasticsearch together, as {@link Servers} picks them from the environment. They start
 * in parallel: Elasticsearch takes about 7 s, Kafka 1-2 s, so the stack is up when Elasticsearch is.
 */
public final class DevStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);

    private final KafkaCluster kafka;
    private final ElasticsearchCluster elasticsearch;

    public DevStack(KafkaCluster kafka, ElasticsearchCluster elasticsearch) {
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
    }

    public static DevStack start() {
        return start(System.getenv());
    }

    public static DevStack start(Map<String, String> env) {
        long started = System.nanoTime();
        CompletableFuture<ElasticsearchCluster> es = new CompletableFuture<>();
        Thread esStarter = new Thread(
                () -> {
                    try {
                        es.complete(Servers.startElasticsearch(env));
                    } catch (Throwable t) {
                        es.completeExceptionally(t);
                    }
                },
                "devstack-elasticsearch-start");
        esStarter.start();
        KafkaCluster kafka;
        try {
            kafka = Servers.startKafka(env);
        } catch (RuntimeException e) {
            // Wait for Elasticsearch rather than leave a node starting behind the caller's back.
            try {
                es.join().close();
            } catch (CompletionException esFailedToo) {
                e.addSuppressed(esFailedToo.getCause());
            }
            throw e;
        }
        try {
            ElasticsearchCluster elasticsearch = es.join();
            LOG.info("DevStack up in {} s: {} and {}", Seconds.since(started), kafka, elasticsearch);
            return new DevStack(kafka, elasticsearch);
        } catch (CompletionException e) {
            kafka.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public ElasticsearchCluster elasticsearch() {
        return elasticsearch;
    }

    /** Stops both; Elasticsearch is stopped even if stopping Kafka fails. */
    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            elasticsearch.close();
        }
    }

    @Override
    public String toString() {
        return "DevStack[" + kafka + ", " + elasticsearch + "]";
    }
}
