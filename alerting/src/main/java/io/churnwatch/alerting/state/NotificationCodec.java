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

import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.events.ChurnAlert;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Notification} in an explicit, versioned binary format: between the notify job's
 * operators and in its delivery operator's checkpointed in-flight queue. The id is written, not
 * recomputed, so a notification restored from a savepoint keeps the id receivers de-duplicate on
 * even if a later release derived ids differently.
 *
 * <p>Format version 1 (field encodings in {@link StateIO}):
 *
 * <pre>
 * byte   format version (1)
 * string id, string receiver, string group key, string map group labels
 * int    number of firing alerts, then each alert in order
 * int    number of resolved alerts, then each alert in order
 * instant created at
 * </pre>
 */
public final class NotificationCodec {

    public static final int VERSION_1 = 1;
    /** The format {@link #write} writes. */
    public static final int CURRENT_VERSION = VERSION_1;

    private NotificationCodec() {}

    public static void write(Notification n, DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        writeString(out, n.id());
        writeString(out, n.receiver());
        writeString(out, n.groupKey());
        writeStringMap(out, n.groupLabels());
        writeAlerts(out, n.firing());
        writeAlerts(out, n.resolved());
        writeInstant(out, n.createdAt());
    }

    /** Reads a notification written in any format version this release knows. */
    public static Notification read(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != VERSION_1) {
            throw StateIO.unknownVersion("notification", version, CURRENT_VERSION);
        }
        String id = readString(in);
        String receiver = readString(in);
        String groupKey = readString(in);
        var labels = readStringMap(in);
        List<ChurnAlert> firing = readAlerts(in);
        List<ChurnAlert> resolved = readAlerts(in);
        return new Notification(id, receiver, groupKey, labels, firing, resolved, readInstant(in));
    }

    private static void writeAlerts(DataOutput out, List<ChurnAlert> alerts) throws IOException {
        out.writeInt(alerts.size());
        for (ChurnAlert a : alerts) {
            writeAlert(out, a);
        }
    }

    private static List<ChurnAlert> readAlerts(DataInput in) throws IOException {
        int size = checkedLength(in.readInt(), "number of alerts");
        List<ChurnAlert> alerts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            alerts.add(readAlert(in));
        }
        return alerts;
    }
}
