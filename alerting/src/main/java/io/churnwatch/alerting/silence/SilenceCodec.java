package io.churnwatch.alerting.silence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.churnwatch.alerting.route.Matcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON form of a silence on the {@code churn-silences} topic, in Alertmanager's API v2 shape so
 * tooling that speaks that API can produce it:
 * {@code {"id","matchers":[{"name","value","isRegex","isEqual"}],"startsAt","endsAt","createdBy","comment"}}.
 */
public final class SilenceCodec {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    record MatcherJson(String name, String value, Boolean isRegex, Boolean isEqual) {}

    record SilenceJson(
            String id,
            List<MatcherJson> matchers,
            Instant startsAt,
            Instant endsAt,
            String createdBy,
            String comment) {}

    private SilenceCodec() {}

    public static byte[] toJson(Silence s) {
        List<MatcherJson> ms = new ArrayList<>();
        for (Matcher m : s.matchers()) {
            boolean regex = m.type() == Matcher.Type.REGEX || m.type() == Matcher.Type.NOT_REGEX;
            boolean equal = m.type() == Matcher.Type.EQUAL || m.type() == Matcher.Type.REGEX;
            ms.add(new MatcherJson(m.name(), m.value(), regex, equal));
        }
        try {
            return JSON.writeValueAsBytes(
                    new SilenceJson(s.id(), ms, s.startsAt(), s.endsAt(), s.createdBy(), s.comment()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws IllegalArgumentException naming the problem for records that are not a valid silence. */
    public static Silence fromJson(byte[] json) {
        SilenceJson s;
        try {
            s = JSON.readValue(json, SilenceJson.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a silence: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (s.id() == null || s.matchers() == null || s.startsAt() == null || s.endsAt() == null) {
            throw new IllegalArgumentException("silence needs id, matchers, startsAt and endsAt");
        }
        List<Matcher> ms = new ArrayList<>();
        for (MatcherJson m : s.matchers()) {
            if (m.name() == null || m.value() == null) {
                throw new IllegalArgumentException("silence " + s.id() + ": every matcher needs name and value");
            }
            boolean regex = Boolean.TRUE.equals(m.isRegex());
            boolean equal = m.isEqual() == null || m.isEqual();
            Matcher.Type type = regex
                    ? (equal ? Matcher.Type.REGEX : Matcher.Type.NOT_REGEX)
                    : (equal ? Matcher.Type.EQUAL : Matcher.Type.NOT_EQUAL);
            ms.add(new Matcher(m.name(), type, m.value()));
        }
        return new Silence(s.id(), ms, s.startsAt(), s.endsAt(), s.createdBy(), s.comment());
    }
}
