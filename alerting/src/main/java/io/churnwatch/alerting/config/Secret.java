package io.churnwatch.alerting.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * A routing key, webhook URL, signing secret or password. It prints as {@code <secret>} so that
 * it cannot leak through logs, exception messages, the notification log or the dead-letter topic
 * by accident; only a channel calls {@link #reveal()}, at the moment it talks to the service.
 */
public final class Secret implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String MASK = "<secret>";

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

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
