package io.churnwatch.jobs.rules;

import java.util.List;

/** A rules document that cannot be used, with every problem found, each naming where it is. */
public final class InvalidRulesException extends Exception {

    private final List<String> problems;

    public InvalidRulesException(List<String> problems) {
        super("invalid churn rules: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
