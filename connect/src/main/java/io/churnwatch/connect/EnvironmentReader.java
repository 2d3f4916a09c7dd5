package io.churnwatch.connect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads {@code CHURNWATCH_*} variables by one set of rules, for every connection: a blank value is
 * unset, values are stripped, a secret is {@code NAME} or {@code NAME_FILE} (never both), and a
 * file that is named must be readable. Every error names the variable and says how to fix it.
 */
final class EnvironmentReader {

    private final Map<String, String> env;

    EnvironmentReader(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** The variable's value, stripped; empty when unset or blank. */
    Optional<String> text(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * Where the secret {@code name} is: the variable itself or the file {@code NAME_FILE} names, as
     * mounted secrets usually arrive. Setting both is an error: silently preferring one would hide a
     * misconfiguration. The reference is checked here, so a missing file fails at start-up, but the
     * value is read only where a client is built.
     */
    Optional<SecretRef> secret(String name) {
        Optional<String> inline = text(name);
        Optional<String> file = text(name + "_FILE");
        if (inline.isPresent() && file.isPresent()) {
            throw new IllegalArgumentException("both " + name + " and " + name + "_FILE are set; set only one of them");
        }
        if (inline.isPresent()) {
            return Optional.of(SecretRef.env(name));
        }
        return file.map(path -> SecretRef.file(readableFile(name + "_FILE", path)));
    }

    /** The path a variable names, which must be a readable file. */
    Optional<String> file(String name) {
        return text(name).map(path -> readableFile(name, path));
    }

    private static String readableFile(String variable, String path) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new IllegalArgumentException(variable + " points to " + path + ", which is not a readable file");
        }
        return path;
    }
}
