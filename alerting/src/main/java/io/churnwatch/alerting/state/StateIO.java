package io.churnwatch.alerting.state;

import io.churnwatch.events.ChurnAlert;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.avro.UndecodableRecordException;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The field encodings both state formats share. Big-endian, as {@link DataOutput} writes:
 *
 * <ul>
 *   <li>string: int length in UTF-8 bytes (-1 for null), then the bytes; not {@code writeUTF},
 *       which stops at 64 KiB and writes modified UTF-8;
 *   <li>instant: byte 0 for null, or byte 1, long epoch second, int nano of second;
 *   <li>string map: int size, then key and value strings, keys in ascending order so the bytes do
 *       not depend on the map's iteration order;
 *   <li>alert: int length, then the {@link ChurnAlert} in Avro single-object encoding
 *       ({@link AvroCodec}: marker C3 01, the writer schema's fingerprint, the body), so an alert
 *       written with any released ChurnAlert schema decodes into the current class.
 * </ul>
 */
final class StateIO {

    /** Built once: the codec parses every released ChurnAlert schema. Thread-safe. */
    private static final AvroCodec<ChurnAlert> ALERTS = AvroCodec.of(ChurnAlert.class);

    private StateIO() {}

    static void writeString(DataOutput out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInput in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        byte[] bytes = new byte[checkedLength(length, "string")];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeInstant(DataOutput out, Instant value) throws IOException {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        out.writeLong(value.getEpochSecond());
        out.writeInt(value.getNano());
    }

    static Instant readInstant(DataInput in) throws IOException {
        byte present = in.readByte();
        switch (present) {
            case 0:
                return null;
            case 1:
                return Instant.ofEpochSecond(in.readLong(), in.readInt());
            default:
                throw new IOException("corrupt state: instant marker " + present + ", expected 0 or 1");
        }
    }

    static void writeStringMap(DataOutput out, Map<String, String> map) throws IOException {
        TreeMap<String, String> sorted = new TreeMap<>(map);
        out.writeInt(sorted.size());
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
    }

    static TreeMap<String, String> readStringMap(DataInput in) throws IOException {
        int size = checkedLength(in.readInt(), "map size");
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    static void writeAlert(DataOutput out, ChurnAlert alert) throws IOException {
        byte[] bytes = ALERTS.encode(alert);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static ChurnAlert readAlert(DataInput in) throws IOException {
        byte[] bytes = new byte[checkedLength(in.readInt(), "alert length")];
        in.readFully(bytes);
        try {
            return ALERTS.decode(bytes);
        } catch (UndecodableRecordException e) {
            throw new IOException("cannot read an alert from state: " + e.getMessage(), e);
        }
    }

    static int checkedLength(int length, String what) throws IOException {
        if (length < 0) {
            throw new IOException("corrupt state: negative " + what + " " + length);
        }
        return length;
    }

    static IOException unknownVersion(String what, int version, int current) {
        return new IOException("Unknown " + what + " format version " + version + "; this release reads versions 1 to "
                + current + ". Restore from a savepoint taken by this release or an older one.");
    }
}
