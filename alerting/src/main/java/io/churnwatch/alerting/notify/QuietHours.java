package io.churnwatch.alerting.notify;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A daily window in a time zone during which a receiver that does not page (Slack, email) is not
 * disturbed. Notifications are deferred to the end of the window, never dropped. A window whose
 * end is before its start runs over midnight (22:00 to 07:00).
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) implements Serializable {

    public QuietHours {
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours start and end are both " + start);
        }
    }

    /** When the window around {@code now} ends, or empty when {@code now} is outside it. */
    public Optional<Instant> deferUntil(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        boolean overnight = end.isBefore(start);
        boolean inside = overnight ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
        if (!inside) {
            return Optional.empty();
        }
        ZonedDateTime endAt = local.with(end);
        if (!endAt.isAfter(local)) {
            endAt = local.toLocalDate().plusDays(1).atTime(end).atZone(zone);
        }
        return Optional.of(endAt.toInstant());
    }
}
