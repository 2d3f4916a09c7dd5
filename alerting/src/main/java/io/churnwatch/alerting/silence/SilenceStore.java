package io.churnwatch.alerting.silence;

import io.churnwatch.alerting.Muter;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current silences, fed from the compacted {@code churn-silences} topic: a record with a value
 * upserts the silence under its key, a tombstone (null value) removes it. Serializable so that a
 * Flink operator can keep it in broadcast state.
 */
public final class SilenceStore implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SilenceStore.class);

    private final TreeMap<String, Silence> silences = new TreeMap<>();

    /**
     * Applies one topic record. A malformed value is rejected with IllegalArgumentException and
     * leaves the store unchanged, so the caller can dead-letter it.
     */
    public void apply(String key, byte[] value) {
        if (value == null) {
            if (silences.remove(key) != null) {
                LOG.info("Silence {} removed", key);
            }
            return;
        }
        Silence s = SilenceCodec.fromJson(value);
        if (!s.id().equals(key)) {
            throw new IllegalArgumentException("silence id " + s.id() + " differs from its record key " + key);
        }
        silences.put(key, s);
        LOG.info("Silence {} by {} active {} to {}", s.id(), s.createdBy(), s.startsAt(), s.endsAt());
    }

    public void upsert(Silence s) {
        silences.put(s.id(), s);
    }

    public Optional<Silence> get(String id) {
        return Optional.ofNullable(silences.get(id));
    }

    public List<Silence> all() {
        return new ArrayList<>(silences.values());
    }

    /** Drops silences that ended before {@code now}; the topic keeps them until their tombstone. */
    public void expire(Instant now) {
        silences.values().removeIf(s -> !now.isBefore(s.endsAt()));
    }

    public Muter at(Instant now) {
        return labels -> silencing(labels, now).isPresent();
    }

    public Optional<Silence> silencing(Map<String, String> labels, Instant now) {
        for (Silence s : silences.values()) {
            if (s.mutes(labels, now)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
