package io.churnwatch.jobs;

import io.churnwatch.jobs.deliver.elasticsearch.NetworkConfig;
import io.churnwatch.jobs.deliver.elasticsearch.SecretSource;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Elasticsearch connection settings from the environment. Secrets are passed on by NAME (the
 * variable or file that holds them) and read on the worker, so they never travel in the job graph:
 * {@code CHURNWATCH_ES_USERNAME} with {@code CHURNWATCH_ES_PASSWORD} or
 * {@code CHURNWATCH_ES_PASSWORD_FILE}; or {@code CHURNWATCH_ES_API_KEY} /
 * {@code CHURNWATCH_ES_API_KEY_FILE}; and {@code CHURNWATCH_ES_CA_FILE} (PEM) for TLS.
 */
public final class ElasticsearchConnection {

    private ElasticsearchConnection() {}

    public static NetworkConfig fromEnvironment(String urls) {
        return fromEnvironment(urls, System::getenv);
    }

    static NetworkConfig fromEnvironment(String urls, Function<String, String> env) {
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
