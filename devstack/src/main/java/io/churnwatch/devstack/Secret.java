package io.churnwatch.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential read from the environment. It prints as {@code <secret>} so that it cannot leak
 * through a log line, an exception message or a record's {@code toString()}.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /**
     * Reads {@code NAME} or, as mounted secrets usually arrive, the file named by {@code NAME_FILE}.
     * Setting both is an error: silently preferring one hides a misconfiguration.
     */
    public static Optional<Secret> fromEnvironment(Map<String, String> env, String name) {
        String inline = blankToNull(env.get(name));
        String file = blankToNull(env.get(name + "_FILE"));
        if (inline != null && file != null) {
            throw new IllegalArgumentException(
                    "both " + name + " and " + name + "_FILE are set; set only one of them");
        }
        if (inline != null) {
            return Optional.of(new Secret(inline));
        }
        if (file == null) {
            return Optional.empty();
        }
        try {
            // A trailing newline is an artefact of how the file was written, never part of the secret.
            return Optional.of(new Secret(Files.readString(Path.of(file)).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    name + "_FILE points to " + file + ", which cannot be read: " + e.getMessage(), e);
        }
    }

    /** The clear text; call it only where the credential is handed to a client. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "<secret>";
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
