package io.churnwatch.alerting;

import io.churnwatch.alerting.config.RoutingConfig;
import io.churnwatch.alerting.config.RoutingConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Parses routing YAML in tests with a given environment and secret-file folder. */
public final class ConfigFixtures {
    public static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private ConfigFixtures() {}

    public static RoutingConfig parse(String yaml, Map<String, String> env) {
        return new RoutingConfigLoader(env, Path.of(".")).parse("test.yml", yaml);
    }

    public static RoutingConfig parse(String yaml) {
        return parse(yaml, Map.of());
    }

    public static String resource(String name) {
        try (InputStream in = ConfigFixtures.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
