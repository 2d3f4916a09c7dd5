package io.churnwatch.connect;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a secret is: an environment variable's name or a file's path, never the value. It is
 * serialized with a job graph and resolved where the secret is used (the task manager building a
 * client), so a secret is read from that machine's environment or mounted file and never travels.
 * {@link #toString()} says where the secret comes from ({@code env:NAME}, {@code file:/path}).
 */
public final class SecretRef implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where a reference points. */
    public enum Kind {
        ENV,
        FILE
    }

    private final Kind kind;
    private final String location;

    private SecretRef(Kind kind, String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("a secret reference needs an environment variable name or a file path");
        }
        this.kind = kind;
        this.location = location;
    }

    /** The secret is the value of environment variable {@code name} where it is resolved. */
    public static SecretRef env(String name) {
        return new SecretRef(Kind.ENV, name);
    }

    /** The secret is the content of {@code path} where it is resolved, without surrounding white space. */
    public static SecretRef file(String path) {
        return new SecretRef(Kind.FILE, path);
    }

    public Kind kind() {
        return kind;
    }

    /** The variable's name or the file's path. */
    public String location() {
        return location;
    }

    /** Reads the secret from this process's environment or file system. */
    public Secret resolve() {
        return resolve(System.getenv());
    }

    /**
     * Reads the secret, failing with a message that names where it looked (never what it found).
     * A trailing newline in a file is an artefact of how the file was written, never part of the
     * secret, so the value is stripped.
     */
    public Secret resolve(Map<String, String> environment) {
        if (kind == Kind.ENV) {
            String value = environment.get(location);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(
                        "environment variable " + location + " is not set here; it should hold a secret");
            }
            return Secret.of(value.strip());
        }
        String value;
        try {
            value = Files.readString(Path.of(location), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read secret file " + location + ": " + e.getClass().getSimpleName(), e);
        }
        if (value.isEmpty()) {
            throw new IllegalStateException("secret file " + location + " is empty");
        }
        return Secret.of(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretRef ref && ref.kind == kind && ref.location.equals(location);
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
