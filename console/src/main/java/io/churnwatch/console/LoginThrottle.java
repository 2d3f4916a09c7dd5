package io.churnwatch.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} failed logins within {@link #WINDOW} for one
 * user name, or {@link #MAX_FAILURES_PER_ADDRESS} from one address (higher, since everyone behind a
 * proxy shares its address), further attempts on it are refused until the oldest failure of the
 * window has aged out, the right password included (so a guesser learns nothing from a refusal). A
 * successful login clears the user name's failures. In memory, like the sessions.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final int MAX_FAILURES_PER_ADDRESS = 50;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the user name or the address must wait before the next attempt, or empty when it may try now. */
    Optional<Duration> wait(String userName, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys(userName, address)) {
            Deque<Instant> recent = failures.get(key);
            if (recent == null) {
                continue;
            }
            synchronized (recent) {
                expire(recent, now);
                if (recent.size() >= limit(key)) {
                    Duration left = Duration.between(now, recent.peekFirst().plus(WINDOW));
                    longest = left.compareTo(longest) > 0 ? left : longest;
                }
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    void failed(String userName, String address) {
        Instant now = clock.instant();
        for (String key : keys(userName, address)) {
            Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (recent) {
                expire(recent, now);
                recent.addLast(now);
            }
        }
        // Keys whose failures all aged out are dropped, so a spray of names cannot grow the map forever.
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                expire(e.getValue(), now);
                return e.getValue().isEmpty();
            }
        });
    }

    void succeeded(String userName) {
        failures.remove(userKey(userName));
    }

    private static void expire(Deque<Instant> recent, Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
            recent.removeFirst();
        }
    }

    private static int limit(String key) {
        return key.startsWith("address:") ? MAX_FAILURES_PER_ADDRESS : MAX_FAILURES;
    }

    private static String[] keys(String userName, String address) {
        return new String[] {userKey(userName), "address:" + address};
    }

    private static String userKey(String userName) {
        return "user:" + userName;
    }
}
