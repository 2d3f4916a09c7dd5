package io.churnwatch.console;

import io.churnwatch.events.AlertActionKind;
import io.churnwatch.events.ContactChannel;
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
 *
 * <p>{@code contact} says the representative reached the customer when acting. Only a note or a
 * resolve can say so. A resolve as saved, lost or left respectfully means someone spoke to the
 * customer, so it carries a contact ({@code OTHER} when the client names no channel); a
 * {@code no_contact} resolve cannot carry one. Recording the implied contact, rather than leaving
 * readers to infer it, keeps the rule in one place for the console and the streams alike.
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
        SaveOutcome outcome,
        ContactChannel contact) {

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
        ContactChannel contact = optionalEnum(field, "contact", ContactChannel.class);
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
            case RESOLVE -> {
                outcome = enumOf(field, "outcome", SaveOutcome.class);
                if (outcome == SaveOutcome.NO_CONTACT && contact != null) {
                    throw new BadRequest(
                            "contact",
                            "a no_contact resolve cannot record a contact; pick another outcome or no channel");
                }
                if (outcome != SaveOutcome.NO_CONTACT && contact == null) {
                    contact = ContactChannel.OTHER;
                }
            }
            case ACKNOWLEDGE -> {
                // nothing else to say
            }
        }
        if (contact != null && kind != AlertActionKind.NOTE && kind != AlertActionKind.RESOLVE) {
            throw new BadRequest(
                    "contact",
                    "contact can only be recorded with a note or a resolve, not with "
                            + kind.name().toLowerCase(Locale.ROOT));
        }
        return new ActionRequest(actionId, kind, revision, version, assignee, until, reason, note, outcome, contact);
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

    private static <E extends Enum<E>> E optionalEnum(Function<String, String> field, String name, Class<E> type) {
        return optional(field, name) == null ? null : enumOf(field, name, type);
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
