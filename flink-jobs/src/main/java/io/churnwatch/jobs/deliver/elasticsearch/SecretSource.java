package io.churnwatch.jobs.deliver.elasticsearch;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where a secret lives: an environment variable's name or a file's path, never the value. Only
 * the reference is serialized with the job graph; the value is read on the worker when the client
 * is built, and is never logged ({@link #toString()} shows where it comes from, not what it is).
 */
public final class SecretSource implements Serializable {

    private static final long serialVersionUID = 1L;

    private enum Kind { ENV, FILE }

    private final Kind kind;
    private final String location;

    private SecretSource(Kind kind, String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("a secret needs an environment variable name or a file path");
        }
        this.kind = kind;
        this.location = location;
    }

    /** The secret is the value of environment variable {@code name} on the worker. */
    public static SecretSource fromEnv(String name) {
        return new SecretSource(Kind.ENV, name);
    }

    /** The secret is the content of {@code path} on the worker, without a trailing newline. */
    public static SecretSource fromFile(String path) {
        return new SecretSource(Kind.FILE, path);
    }

    /** Reads the secret, failing with a message that names where it looked. */
    public String resolve() {
        return resolve(System::getenv);
    }

    String resolve(UnaryOperator<String> environment) {
        if (kind == Kind.ENV) {
            String value = environment.apply(location);
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("Environment variable " + location
                        + " is not set on this worker; it should hold an Elasticsearch secret");
            }
            return value;
        }
        try {
            String value = Files.readString(Path.of(location), StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException("Secret file " + location + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read secret file " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretSource
                && ((SecretSource) other).kind == kind
                && ((SecretSource) other).location.equals(location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, location);
    }

    @Override
    public String toString() {
        return (kind == Kind.ENV ? "env:" : "file:") + location;
    }
}
