package io.churnwatch.alerting.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one place HTTP status codes are classified, as Alertmanager's {@code Retrier.Check}: 2xx is
 * delivered, 429 and 408 retry (honouring Retry-After), 5xx retries, any other status is permanent
 * because the same request will be refused again.
 */
public final class HttpStatusClassifier {
    private HttpStatusClassifier() {}

    /**
     * @param what names the receiver for the reason, e.g. "pagerduty receiver pager"; never a URL
     * @param responseSnippet a short, already redacted part of the response body, or ""
     */
    public static DeliveryResult classify(
            String what, int status, Optional<String> retryAfter, String responseSnippet, Instant now) {
        String reason = what + " answered HTTP " + status + (responseSnippet.isBlank() ? "" : ": " + responseSnippet);
        if (status >= 200 && status < 300) {
            return new DeliveryResult.Delivered("HTTP " + status);
        }
        if (status == 429 || status == 408) {
            return new DeliveryResult.Retryable(reason, retryAfter.flatMap(v -> parseRetryAfter(v, now)));
        }
        if (status >= 500) {
            return new DeliveryResult.Retryable(reason, retryAfter.flatMap(v -> parseRetryAfter(v, now)));
        }
        return new DeliveryResult.Permanent(reason);
    }

    /** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 section 10.2.3). */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
