package io.churnwatch.connect;

import java.io.Serializable;
import java.util.Objects;

/**
 * A credential in clear text: a password, an API key, a routing key, a signing secret. It prints
 * as {@code <secret>}, so it cannot leak through a log line, an exception message or a record's
 * {@code toString()}; only the code that hands it to a client calls {@link #reveal()}.
 *
 * <p>It is {@link Serializable} because the alert delivery engine's routing configuration holds
 * receiver secrets. Connection settings that travel in a Flink job graph hold a {@link SecretRef}
 * instead, so that the graph carries where a secret is, never what it is.
 */
public final class Secret implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What every secret prints as. */
    public static final String MASK = "<secret>";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The clear text; call it only where the credential is handed to a client. */
    public String reveal() {
        return value;
    }

    /** Masks every occurrence of this secret in text that came from outside, e.g. a response body. */
    public String redact(String text) {
        if (text == null || value.isEmpty()) {
            return text;
        }
        return text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
