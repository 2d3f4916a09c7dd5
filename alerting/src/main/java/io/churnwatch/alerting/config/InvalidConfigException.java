package io.churnwatch.alerting.config;

import java.util.List;

/** Every problem found in a routing file, each naming the path and line, so one run shows them all. */
public final class InvalidConfigException extends RuntimeException {
    private final List<String> problems;

    public InvalidConfigException(String source, List<String> problems) {
        super("invalid routing config " + source + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
