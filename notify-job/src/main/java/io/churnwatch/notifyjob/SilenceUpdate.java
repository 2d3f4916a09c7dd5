package io.churnwatch.notifyjob;

import java.util.Objects;

/**
 * One record of the compacted {@code churn-silences} topic: the silence id as key and its JSON
 * (Alertmanager API v2 shape) as value, or a null value (tombstone) that deletes it. A Flink POJO,
 * so it is serialized without Kryo and a null value survives.
 */
public final class SilenceUpdate {

    public String key;
    public byte[] value;

    public SilenceUpdate() {}

    private SilenceUpdate(String key, byte[] value) {
        this.key = key;
        this.value = value;
    }

    public static SilenceUpdate upsert(String key, byte[] json) {
        return new SilenceUpdate(Objects.requireNonNull(key, "key"), Objects.requireNonNull(json, "json"));
    }

    public static SilenceUpdate tombstone(String key) {
        return new SilenceUpdate(Objects.requireNonNull(key, "key"), null);
    }

    public boolean isTombstone() {
        return value == null;
    }

    @Override
    public String toString() {
        return "SilenceUpdate[" + key + (value == null ? ", tombstone" : ", " + value.length + " bytes") + "]";
    }
}
