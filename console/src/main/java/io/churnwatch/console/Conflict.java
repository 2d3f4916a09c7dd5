package io.churnwatch.console;

import java.util.List;

/**
 * An action on an alert that changed since the person looked at it: 409, with each change, so the
 * page can say what happened instead of silently overwriting someone else's work.
 */
public final class Conflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> changes;
    private final int revision;
    private final int workflowVersion;

    public Conflict(List<String> changes, int revision, int workflowVersion) {
        super("the alert changed since you loaded it: " + String.join("; ", changes));
        this.changes = List.copyOf(changes);
        this.revision = revision;
        this.workflowVersion = workflowVersion;
    }

    public List<String> changes() {
        return changes;
    }

    public int revision() {
        return revision;
    }

    public int workflowVersion() {
        return workflowVersion;
    }
}
