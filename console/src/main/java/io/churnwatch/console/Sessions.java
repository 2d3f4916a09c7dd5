package io.churnwatch.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in sessions, in memory: a random session id (the cookie) maps to the user and a CSRF token
 * of its own. A session ends after {@link #IDLE} without a request, at logout, or when the console
 * restarts (people log in again).
 */
public final class Sessions {

    public static final Duration IDLE = Duration.ofHours(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Session(String id, UsersFile.User user, String csrfToken, Instant lastSeen) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    public Session open(UsersFile.User user) {
        Session s = new Session(token(), user, token(), clock.instant());
        sessions.put(s.id(), s);
        return s;
    }

    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (s.lastSeen().plus(IDLE).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session touched = new Session(s.id(), s.user(), s.csrfToken(), now);
        sessions.put(id, touched);
        return Optional.of(touched);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A random password (for the demo's user), 20 characters from a URL-safe alphabet. */
    public static String newPassword() {
        return token().substring(0, 20);
    }

    /** Compares in constant time, so a token cannot be guessed byte by byte. */
    static boolean same(String a, String b) {
        return a != null
                && b != null
                && java.security.MessageDigest.isEqual(
                        a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
