package io.churnwatch.delivery;

import io.churnwatch.jobs.deliver.elasticsearch.NetworkConfig;
import io.churnwatch.jobs.deliver.elasticsearch.SecretSource;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Elasticsearch settings from the environment, the same variables the detection job reads (its
 * {@code ElasticsearchConnection} is package-private there). Secrets are passed on by the name of
 * the variable or file that holds them and read on the worker:
 * {@code CHURNWATCH_ES_USERNAME} with {@code CHURNWATCH_ES_PASSWORD[_FILE]}, or
 * {@code CHURNWATCH_ES_API_KEY[_FILE]}; {@code CHURNWATCH_ES_CA_FILE} (PEM) for TLS.
 */
final class ElasticsearchFromEnvironment {

    private ElasticsearchFromEnvironment() {}

    static NetworkConfig networkConfig(String urls) {
        return networkConfig(urls, System::getenv);
    }

    static NetworkConfig networkConfig(String urls, Function<String, String> env) {
        NetworkConfig.Builder builder = NetworkConfig.builder();
        Arrays.stream(urls.split(",")).map(String::strip).filter(u -> !u.isEmpty()).forEach(builder::host);
        String username = env.apply("CHURNWATCH_ES_USERNAME");
        if (username != null) {
            builder.basicAuth(username, secret(env, "CHURNWATCH_ES_PASSWORD"));
        }
        if (env.apply("CHURNWATCH_ES_API_KEY") != null || env.apply("CHURNWATCH_ES_API_KEY_FILE") != null) {
            builder.apiKey(secret(env, "CHURNWATCH_ES_API_KEY"));
        }
        String ca = env.apply("CHURNWATCH_ES_CA_FILE");
        if (ca != null) {
            builder.caCertificate(ca);
        }
        return builder.build();
    }

    private static SecretSource secret(Function<String, String> env, String name) {
        if (env.apply(name + "_FILE") != null) {
            return SecretSource.fromFile(env.apply(name + "_FILE"));
        }
        if (env.apply(name) == null) {
            throw new IllegalArgumentException(name + " or " + name + "_FILE must be set");
        }
        return SecretSource.fromEnv(name);
    }
}
