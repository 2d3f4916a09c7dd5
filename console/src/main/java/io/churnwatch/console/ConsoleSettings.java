package io.churnwatch.console;

import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.connect.KafkaConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a console runs: where Kafka and Elasticsearch are (the same connection contract as the jobs),
 * who may log in, and how it listens.
 *
 * @param trustedUserHeader when set, the reverse proxy in front has authenticated the user and names
 *     them in this header; the login form is then not used. Only set this when nothing but that proxy
 *     can reach the console.
 * @param secureCookies mark the session cookie {@code Secure}: set when users reach the console over
 *     https (usually through the proxy).
 * @param followUpAfter how long after a customer left respectfully the stay-in-touch follow-up comes
 *     back on the worklist ({@code CHURNWATCH_CONSOLE_FOLLOW_UP_AFTER}, default 30 days; see {@link
 *     WorkflowState}).
 */
public record ConsoleSettings(
        KafkaConnection kafka,
        ElasticsearchConnection elasticsearch,
        UsersFile users,
        String trustedUserHeader,
        String host,
        int port,
        boolean secureCookies,
        String consumerGroup,
        Clock clock,
        Duration followUpAfter) {

    /** At most a year: a follow-up further out is a reminder nobody will be around to act on. */
    static final Duration MAX_FOLLOW_UP_AFTER = Duration.ofDays(366);

    public ConsoleSettings {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(elasticsearch, "elasticsearch");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(followUpAfter, "followUpAfter");
        if (followUpAfter.isNegative() || followUpAfter.isZero() || followUpAfter.compareTo(MAX_FOLLOW_UP_AFTER) > 0) {
            throw new IllegalArgumentException("the stay-in-touch follow-up after " + followUpAfter
                    + " must be positive and at most " + MAX_FOLLOW_UP_AFTER.toDays()
                    + " days, e.g. P30D (CHURNWATCH_CONSOLE_FOLLOW_UP_AFTER or --follow-up-after)");
        }
        if (users.size() == 0 && trustedUserHeader == null) {
            throw new IllegalArgumentException(
                    "the console has no users: give a users file (churnwatch console users add) or a trusted proxy header");
        }
    }

    public static ConsoleSettings of(KafkaConnection kafka, ElasticsearchConnection es, UsersFile users) {
        return new ConsoleSettings(
                kafka,
                es,
                users,
                null,
                "127.0.0.1",
                0,
                false,
                "churnwatch-console",
                Clock.systemUTC(),
                WorkflowState.DEFAULT_FOLLOW_UP_AFTER);
    }

    public ConsoleSettings withPort(String host, int port) {
        return new ConsoleSettings(
                kafka,
                elasticsearch,
                users,
                trustedUserHeader,
                host,
                port,
                secureCookies,
                consumerGroup,
                clock,
                followUpAfter);
    }

    public ConsoleSettings withTrustedUserHeader(String header) {
        return new ConsoleSettings(
                kafka, elasticsearch, users, header, host, port, secureCookies, consumerGroup, clock, followUpAfter);
    }

    public ConsoleSettings withSecureCookies(boolean secure) {
        return new ConsoleSettings(
                kafka,
                elasticsearch,
                users,
                trustedUserHeader,
                host,
                port,
                secure,
                consumerGroup,
                clock,
                followUpAfter);
    }

    public ConsoleSettings withConsumerGroup(String group) {
        return new ConsoleSettings(
                kafka, elasticsearch, users, trustedUserHeader, host, port, secureCookies, group, clock, followUpAfter);
    }

    /** The clock actions are stamped with and the worklist judges "now" by; tests move it. */
    public ConsoleSettings withClock(Clock clock) {
        return new ConsoleSettings(
                kafka,
                elasticsearch,
                users,
                trustedUserHeader,
                host,
                port,
                secureCookies,
                consumerGroup,
                clock,
                followUpAfter);
    }

    public ConsoleSettings withFollowUpAfter(Duration after) {
        return new ConsoleSettings(
                kafka, elasticsearch, users, trustedUserHeader, host, port, secureCookies, consumerGroup, clock, after);
    }
}
