package io.churnwatch.alerting.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a secret given as {@code <name>} (inline), {@code <name>_file} or {@code <name>_env}, as
 * Alertmanager does. Exactly one must be present. The environment is injected so tests need not
 * touch the process environment.
 */
public final class SecretSource {
  private final Map<String, String> env;
  private final Path baseDir;

  public SecretSource(Map<String, String> env, Path baseDir) {
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
      String v = env.get(value);
      if (v == null || v.isBlank()) {
        problems.add(node, node.path() + ": environment variable " + value + " is not set");
        return Optional.empty();
      }
      return Optional.of(Secret.of(v.strip()));
    }
    if (key.endsWith("_file")) {
      Path file = baseDir.resolve(value);
      try {
        return Optional.of(Secret.of(Files.readString(file, StandardCharsets.UTF_8).strip()));
      } catch (IOException e) {
        problems.add(node, node.path() + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        return Optional.empty();
      }
    }
    return Optional.of(Secret.of(value));
  }
}
