package io.churnwatch.connect;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * Resolves the secret placeholders a {@link KafkaConnection} writes into client properties, inside
 * the Kafka client that uses them: {@code ${churnwatch:env:NAME}} (an environment variable),
 * {@code ${churnwatch:file:/path}} (a file's stripped content) and
 * {@code ${churnwatch:properties:/path#key}} (one property of a properties file). So the SASL
 * password and keystore passwords are read on the machine that connects, and a serialized job
 * graph carries only where they are.
 */
public final class SecretRefConfigProvider implements ConfigProvider {

    /** The alias under {@code config.providers}. */
    public static final String ALIAS = "churnwatch";

    static String placeholder(SecretRef ref) {
        return "${" + ALIAS + ":" + (ref.kind() == SecretRef.Kind.ENV ? "env" : "file") + ":" + ref.location() + "}";
    }

    static String propertyPlaceholder(String file, String key) {
        return "${" + ALIAS + ":properties:" + file + "#" + key + "}";
    }

    @Override
    public void configure(Map<String, ?> configs) {}

    /** Whole paths are not listed: a provider of secrets answers only for the keys asked. */
    @Override
    public ConfigData get(String path) {
        return new ConfigData(Map.of());
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
        Map<String, String> values = new HashMap<>();
        for (String key : keys) {
            values.put(key, resolve(path, key));
        }
        return new ConfigData(values);
    }

    private static String resolve(String kind, String key) {
        return switch (kind) {
            case "env" -> SecretRef.env(key).resolve().reveal();
            case "file" -> SecretRef.file(key).resolve().reveal();
            case "properties" -> property(key);
            default ->
                throw new IllegalArgumentException("unknown secret kind " + kind + " in a ${" + ALIAS
                        + ":...} placeholder; use env, file or properties");
        };
    }

    private static String property(String fileAndKey) {
        int hash = fileAndKey.lastIndexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("a ${" + ALIAS + ":properties:...} placeholder needs FILE#KEY");
        }
        String file = fileAndKey.substring(0, hash);
        String key = fileAndKey.substring(hash + 1);
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file))) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read Kafka properties file " + file + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("Kafka properties file " + file + " no longer has " + key);
        }
        return value;
    }

    @Override
    public void close() {}
}
