package io.churnwatch.jobs.detect;

import io.churnwatch.events.IncidentKind;

/**
 * Deterministic incident ids: kind, the entity concerned and what makes the incident unique (its deadline or
 * its proving event). The same input yields the same id on every run, so replays update, never duplicate.
 */
public final class IncidentIds {

    private IncidentIds() {}

    public static String of(IncidentKind kind, Object... parts) {
        StringBuilder id = new StringBuilder(64).append(kind.name());
        for (Object part : parts) {
            id.append(':').append(part);
        }
        return id.toString();
    }
}
