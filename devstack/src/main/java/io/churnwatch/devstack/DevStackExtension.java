package io.churnwatch.devstack;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects {@link KafkaCluster}, {@link ElasticsearchCluster} and {@link DevStack} parameters.
 *
 * <p>Each server starts once per test JVM, on first use, and lives in the root context's store, so
 * JUnit closes it when the whole run ends; a test class that needs only Kafka never starts
 * Elasticsearch. {@link Servers} picks the kind of server from the environment; the JUnit
 * configuration parameter {@code churnwatch.testcontainers} (e.g. a system property) overrides
 * {@code CHURNWATCH_TESTCONTAINERS}. When containers are asked for and there is no Docker engine, the
 * tests are skipped, not failed.
 */
public final class DevStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DevStackExtension.class);
    static final String TESTCONTAINERS_PARAMETER = "churnwatch.testcontainers";

    // Checked here rather than while resolving a parameter: JUnit wraps whatever a resolver throws
    // in a ParameterResolutionException, which would turn the skip into a failure.
    @Override
    public void beforeAll(ExtensionContext context) {
        Map<String, String> env = environment(context);
        boolean containersWanted = Servers.wantsContainers(env)
                && (ExternalKafka.fromEnvironment(env).isEmpty()
                        || ExternalElasticsearch.fromEnvironment(env).isEmpty());
        if (containersWanted && !Docker.available()) {
            Assumptions.abort(Servers.TESTCONTAINERS + "=true asks for Testcontainers, but there is no Docker engine;"
                    + " skipping. Unset it to run these tests on the local servers.");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaCluster.class || type == ElasticsearchCluster.class || type == DevStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        ExtensionContext root = context.getRoot();
        Map<String, String> env = environment(context);
        if (type == KafkaCluster.class) {
            return kafka(root, env);
        }
        if (type == ElasticsearchCluster.class) {
            return elasticsearch(root, env);
        }
        // Both at once: Elasticsearch starts in the background while Kafka starts here.
        CompletableFuture<ElasticsearchCluster> es = CompletableFuture.supplyAsync(() -> elasticsearch(root, env));
        KafkaCluster kafka = kafka(root, env);
        return new DevStack(kafka, joined(es));
    }

    // The store closes AutoCloseable values when the root context closes (JUnit 5.13 deprecated
    // CloseableResource in favour of exactly this), i.e. after the last test of the JVM.
    private static KafkaCluster kafka(ExtensionContext root, Map<String, String> env) {
        return root.getStore(NAMESPACE)
                .getOrComputeIfAbsent(KafkaCluster.class, k -> Servers.startKafka(env), KafkaCluster.class);
    }

    private static ElasticsearchCluster elasticsearch(ExtensionContext root, Map<String, String> env) {
        return root.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        ElasticsearchCluster.class, k -> Servers.startElasticsearch(env), ElasticsearchCluster.class);
    }

    private static ElasticsearchCluster joined(CompletableFuture<ElasticsearchCluster> es) {
        try {
            return es.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static Map<String, String> environment(ExtensionContext context) {
        Map<String, String> env = new HashMap<>(System.getenv());
        context.getConfigurationParameter(TESTCONTAINERS_PARAMETER).ifPresent(v -> env.put(Servers.TESTCONTAINERS, v));
        return env;
    }
}
