package io.churnwatch.alerting.config;

import io.churnwatch.connect.Secret;
import io.churnwatch.connect.SecretRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a receiver secret of the routing file, given as {@code <name>} (inline), {@code <name>_file}
 * or {@code <name>_env}, as Alertmanager does. Exactly one must be present. The file and environment
 * forms resolve through {@link SecretRef}, the same rules as every other ChurnWatch secret (value
 * stripped, empty refused). The environment is injected so tests need not touch the process's.
 */
public final class RoutingSecrets {
    private final Map<String, String> env;
    private final Path baseDir;

    public RoutingSecrets(Map<String, String> env, Path baseDir) {
        this.env = env;
        this.baseDir = baseDir;
    }

    public static List<String> keys(String name) {
        return List.of(name, name + "_file", name + "_env");
    }

    public Optional<Secret> read(YamlNode parent, String name, boolean required, Problems problems) {
        List<YamlNode> given = new ArrayList<>();
        for (String k : keys(name)) {
            if (parent.has(k)) {
                given.add(parent.child(k));
            }
        }
        if (given.isEmpty()) {
            if (required) {
                problems.add(parent, parent.path() + " needs one of " + String.join(", ", keys(name)));
            }
            return Optional.empty();
        }
        if (given.size() > 1) {
            problems.add(given.get(1), parent.path() + " has more than one of " + String.join(", ", keys(name)));
            return Optional.empty();
        }
        YamlNode node = given.get(0);
        String value = node.text().orElse("");
        String key = node.path().substring(node.path().lastIndexOf('.') + 1);
        if (key.endsWith("_env")) {
            if (env.get(value) == null || env.get(value).isBlank()) {
                problems.add(node, node.path() + ": environment variable " + value + " is not set");
                return Optional.empty();
            }
            return Optional.of(SecretRef.env(value).resolve(env));
        }
        if (key.endsWith("_file")) {
            Path file = baseDir.resolve(value);
            try {
                return Optional.of(SecretRef.file(file.toString()).resolve(env));
            } catch (IllegalStateException e) {
                problems.add(
                        node,
                        node.path()
                                + (e.getCause() != null
                                        ? ": cannot read " + file + " ("
                                                + e.getCause().getClass().getSimpleName() + ")"
                                        : ": " + e.getMessage()));
                return Optional.empty();
            }
        }
        return Optional.of(Secret.of(value));
    }
}
