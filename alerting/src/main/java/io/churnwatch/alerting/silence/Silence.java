package io.churnwatch.alerting.silence;

import io.churnwatch.alerting.route.Matcher;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A person's decision to keep matching alerts quiet for a while, e.g. while the account team
 * already talks to that customer. Active from {@code startsAt} (inclusive) to {@code endsAt}
 * (exclusive).
 */
public record Silence(
        String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment)
        implements Serializable {

    public Silence {
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("silence " + id + " has no matchers; it would mute everything");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException(
                    "silence " + id + " ends at " + endsAt + ", not after it starts at " + startsAt);
        }
    }

    public boolean isActiveAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return isActiveAt(now) && Matcher.all(matchers, labels);
    }
}
