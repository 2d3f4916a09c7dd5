package io.churnwatch.console;

import java.util.Locale;

/** What a console user may do; each role may do what the ones before it may. */
public enum Role {
    /** Reads the worklist, the customer pages and the charts. */
    VIEWER,
    /** Also acknowledges, assigns, snoozes, notes and resolves. */
    AGENT,
    /** Also creates and expires silences. */
    ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public static Role parse(String text, String where) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": unknown role '" + text + "' (known: viewer, agent, admin)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
