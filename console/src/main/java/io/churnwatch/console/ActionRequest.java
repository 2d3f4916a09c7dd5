package io.churnwatch.console;

import io.churnwatch.events.AlertActionKind;
import io.churnwatch.events.SaveOutcome;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One action as the client sent it, checked field by field. The same rules apply to the JSON API
 * and to the page's forms, which both read their fields through a {@code Function<String,String>}.
 */
public record ActionRequest(
        String actionId,
        AlertActionKind kind,
        int alertRevision,
        int workflowVersion,
        String assignee,
        Instant snoozedUntil,
        String reason,
        String note,
        SaveOutcome outcome) {

    static final Pattern ACTION_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    static final Pattern ASSIGNEE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._@-]{0,63}");
    static final int MAX_TEXT = 2000;

    public static ActionRequest parse(Function<String, String> field, Instant now) {
        String actionId = required(field, "action_id");
        if (!ACTION_ID.matcher(actionId).matches()) {
            throw new BadRequest("action_id", "action_id must be 8 to 64 letters, digits, '-' or '_' (a UUID will do)");
        }
        AlertActionKind kind = enumOf(field, "kind", AlertActionKind.class);
        int revision = integer(field, "alert_revision");
        int version = integer(field, "workflow_version");
        String assignee = null;
        Instant until = null;
        String reason = optionalText(field, "reason");
        String note = null;
        SaveOutcome outcome = null;
        switch (kind) {
            case ASSIGN -> {
                assignee = optional(field, "assignee");
                if (assignee != null && !ASSIGNEE.matcher(assignee).matches()) {
                    throw new BadRequest(
                            "assignee",
                            "assignee is a person or team: letters, digits, spaces and . _ @ - (at most 64)");
                }
            }
            case SNOOZE -> {
                until = instant(field, "snoozed_until");
                if (!until.isAfter(now)) {
                    throw new BadRequest("snoozed_until", "snoozed_until must be in the future");
                }
                if (until.isAfter(now.plus(java.time.Duration.ofDays(90)))) {
                    throw new BadRequest("snoozed_until", "snoozed_until must be within 90 days");
                }
                if (reason == null) {
                    throw new BadRequest("reason", "a snooze needs a reason");
                }
            }
            case NOTE -> {
                note = optionalText(field, "note");
                if (note == null) {
                    throw new BadRequest("note", "note is required");
                }
            }
            case RESOLVE -> outcome = enumOf(field, "outcome", SaveOutcome.class);
            case ACKNOWLEDGE -> {
                // nothing else to say
            }
        }
        return new ActionRequest(actionId, kind, revision, version, assignee, until, reason, note, outcome);
    }

    private static String optional(Function<String, String> field, String name) {
        String value = field.apply(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String required(Function<String, String> field, String name) {
        String value = optional(field, name);
        if (value == null) {
            throw new BadRequest(name, name + " is required");
        }
        return value;
    }

    private static String optionalText(Function<String, String> field, String name) {
        String value = optional(field, name);
        if (value != null && value.length() > MAX_TEXT) {
            throw new BadRequest(name, name + " is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static int integer(Function<String, String> field, String name) {
        String value = required(field, name);
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new BadRequest(name, name + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest(name, name + " must be a whole number");
        }
    }

    private static <E extends Enum<E>> E enumOf(Function<String, String> field, String name, Class<E> type) {
        String value = required(field, name);
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new BadRequest(name, name + " must be one of " + allowed);
        }
    }

    /** ISO-8601 with a zone, or a browser's datetime-local ({@code 2026-11-23T10:00}), read as UTC. */
    private static Instant instant(Function<String, String> field, String name) {
        return time(required(field, name), name);
    }

    /** Reads a time field (ISO-8601 with a zone, or datetime-local as UTC); a 400 naming it otherwise. */
    static Instant time(String value, String name) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new BadRequest(name, name + " must be a time like 2026-11-23T10:00:00Z");
            }
        }
    }
}
