package io.churnwatch.alerting.state;

import static io.churnwatch.alerting.state.StateIO.checkedLength;
import static io.churnwatch.alerting.state.StateIO.readAlert;
import static io.churnwatch.alerting.state.StateIO.readInstant;
import static io.churnwatch.alerting.state.StateIO.readString;
import static io.churnwatch.alerting.state.StateIO.readStringMap;
import static io.churnwatch.alerting.state.StateIO.writeAlert;
import static io.churnwatch.alerting.state.StateIO.writeInstant;
import static io.churnwatch.alerting.state.StateIO.writeString;
import static io.churnwatch.alerting.state.StateIO.writeStringMap;

import io.churnwatch.alerting.group.AlertGroup;
import io.churnwatch.alerting.group.AlertMute;
import io.churnwatch.alerting.group.EngineState;
import io.churnwatch.alerting.notify.RateLimit;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link EngineState} in an explicit, versioned binary format, so that a checkpoint or savepoint
 * survives changes to the alerting classes, to the ChurnAlert schema (alerts go through the Avro
 * codec) and to Java and Flink versions. No Flink here: the notify job's {@code TypeSerializer}
 * only frames these calls.
 *
 * <p>Format version 1 (field encodings in {@link StateIO}):
 *
 * <pre>
 * byte   format version (1)
 * int    number of groups, then per group in key order:
 *          string key, string route id, string receiver, string map group labels,
 *          int number of alerts, then per alert in insertion order: string map key, alert,
 *          int number of notified-firing entries, then per entry: string alert id, int revision,
 *          instant next flush, instant last flush, instant last notified
 * int    number of rate-limit buckets, then per bucket in receiver order:
 *          string receiver, double tokens, instant at
 * </pre>
 *
 * <p>Format version 2 (the console's mutes): version 1 with version byte 2, followed by
 *
 * <pre>
 * int    number of mutes, then per mute in alert id order:
 *          string alert id, string kind (AlertMute.Kind name), string action id, string actor,
 *          int revision, string severity (AlertSeverity name), instant until, instant acted at
 * </pre>
 *
 * Enums go by name, not ordinal, so that adding a symbol cannot shift what old bytes mean. A
 * version 1 state reads with no mutes.
 *
 * <p>A new version gets a new number and a reader of its own beside the old ones; {@link #read}
 * keeps reading every version it ever wrote, because state in a savepoint is read years later.
 */
public final class EngineStateCodec {

    public static final int VERSION_1 = 1;
    /** Version 1 and the mutes that people set on alerts in the retention console. */
    public static final int VERSION_2 = 2;
    /** The format {@link #write} writes. */
    public static final int CURRENT_VERSION = VERSION_2;

    private EngineStateCodec() {}

    public static void write(EngineState state, DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeInt(state.groups().size());
        // EngineState keeps its groups in a TreeMap: key order.
        for (AlertGroup g : state.groups().values()) {
            writeString(out, g.key());
            writeString(out, g.routeId());
            writeString(out, g.receiver());
            writeStringMap(out, g.groupLabels());
            out.writeInt(g.alerts().size());
            for (Map.Entry<String, ChurnAlert> e : g.alerts().entrySet()) {
                writeString(out, e.getKey());
                writeAlert(out, e.getValue());
            }
            out.writeInt(g.notifiedFiring().size());
            for (Map.Entry<String, Integer> e : new TreeMap<>(g.notifiedFiring()).entrySet()) {
                writeString(out, e.getKey());
                out.writeInt(e.getValue());
            }
            writeInstant(out, g.nextFlushAt());
            writeInstant(out, g.lastFlushAt());
            writeInstant(out, g.lastNotifiedAt());
        }
        TreeMap<String, RateLimit.Bucket> buckets = new TreeMap<>(state.buckets());
        out.writeInt(buckets.size());
        for (Map.Entry<String, RateLimit.Bucket> e : buckets.entrySet()) {
            writeString(out, e.getKey());
            out.writeDouble(e.getValue().tokens());
            writeInstant(out, e.getValue().at());
        }
        TreeMap<String, AlertMute> mutes = new TreeMap<>(state.mutes());
        out.writeInt(mutes.size());
        for (Map.Entry<String, AlertMute> e : mutes.entrySet()) {
            AlertMute m = e.getValue();
            writeString(out, e.getKey());
            writeString(out, m.kind().name());
            writeString(out, m.actionId());
            writeString(out, m.actor());
            out.writeInt(m.revision());
            writeString(out, m.severity().name());
            writeInstant(out, m.until());
            writeInstant(out, m.actedAt());
        }
    }

    /** Reads a state written in any format version this release knows. */
    public static EngineState read(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        switch (version) {
            case VERSION_1:
                return readGroupsAndBuckets(in);
            case VERSION_2:
                EngineState state = readGroupsAndBuckets(in);
                readMutes(in, state);
                return state;
            default:
                throw StateIO.unknownVersion("alert engine state", version, CURRENT_VERSION);
        }
    }

    private static void readMutes(DataInput in, EngineState state) throws IOException {
        int mutes = checkedLength(in.readInt(), "number of mutes");
        for (int i = 0; i < mutes; i++) {
            String alertId = readString(in);
            AlertMute.Kind kind = enumValue(AlertMute.Kind.class, readString(in), "mute kind");
            String actionId = readString(in);
            String actor = readString(in);
            int revision = in.readInt();
            AlertSeverity severity = enumValue(AlertSeverity.class, readString(in), "severity");
            state.mutes()
                    .put(
                            alertId,
                            new AlertMute(kind, actionId, actor, revision, severity, readInstant(in), readInstant(in)));
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String what) throws IOException {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("corrupt state: unknown " + what + " " + name);
        }
    }

    /** The whole of format version 1, and the start of version 2. */
    private static EngineState readGroupsAndBuckets(DataInput in) throws IOException {
        EngineState state = new EngineState();
        int groups = checkedLength(in.readInt(), "number of groups");
        for (int i = 0; i < groups; i++) {
            String key = readString(in);
            String routeId = readString(in);
            String receiver = readString(in);
            TreeMap<String, String> labels = readStringMap(in);
            int alerts = checkedLength(in.readInt(), "number of alerts");
            Map<String, ChurnAlert> read = new LinkedHashMap<>();
            for (int a = 0; a < alerts; a++) {
                String alertKey = readString(in);
                read.put(alertKey, readAlert(in));
            }
            int notified = checkedLength(in.readInt(), "number of notified alerts");
            Map<String, Integer> notifiedFiring = new TreeMap<>();
            for (int n = 0; n < notified; n++) {
                String alertId = readString(in);
                notifiedFiring.put(alertId, in.readInt());
            }
            AlertGroup group = new AlertGroup(key, routeId, receiver, labels, readInstant(in));
            group.alerts().putAll(read);
            group.notifiedFiring().putAll(notifiedFiring);
            group.lastFlushAt(readInstant(in));
            group.lastNotifiedAt(readInstant(in));
            state.groups().put(key, group);
        }
        int buckets = checkedLength(in.readInt(), "number of rate-limit buckets");
        for (int i = 0; i < buckets; i++) {
            String receiver = readString(in);
            double tokens = in.readDouble();
            state.buckets().put(receiver, new RateLimit.Bucket(tokens, readInstant(in)));
        }
        return state;
    }
}
