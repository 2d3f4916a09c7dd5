package io.churnwatch.alerting.config;

import java.util.ArrayList;
import java.util.List;

/** Collects config problems with their lines so the loader can report all of them at once. */
public final class Problems {
    private final List<String> messages = new ArrayList<>();

    public void add(YamlNode where, String message) {
        messages.add(message + " at line " + where.line());
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }
}
