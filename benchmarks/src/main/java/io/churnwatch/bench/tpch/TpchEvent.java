package io.churnwatch.bench.tpch;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Comparator;

/**
 * One ChurnWatch event of the TPC-H workload in its compact form: the few numbers the mapping needs,
 * so that tens of millions of them can be sorted and spilled to disk at 45 bytes each. The Avro records
 * are made from it only on the way out ({@link TpchMapping#toRecord(TpchEvent)}).
 *
 * <p>A Flink POJO (public fields, no-arg constructor), so the in-memory source hands it on without Kryo.
 */
public class TpchEvent {

    /** A customer profile; never spilled, it comes straight from the generator before everything else. */
    public static final byte PROFILE = -1;

    public static final byte PLACED = 0;
    public static final byte DISPATCHED = 1;
    public static final byte DELIVERED = 2;

    /**
     * Event-time order, and within one instant a fixed order by kind and keys, so that every run, whatever
     * the spill size, emits the same sequence. Kind before keys: an order is placed before any of its
     * parcels moves, and a parcel is dispatched before it is delivered.
     */
    public static final Comparator<TpchEvent> EVENT_TIME_ORDER = Comparator.comparingLong((TpchEvent e) -> e.time)
            .thenComparingInt(e -> e.kind)
            .thenComparingLong(e -> e.orderKey)
            .thenComparingInt(e -> e.lineNumber);

    public long time;
    public byte kind;
    public long orderKey;
    public int lineNumber;
    public long customerKey;
    /** PLACED: the order's total price in cents; PROFILE: the account balance in cents. */
    public long valueCents;
    /** PROFILE: the market segment, which is the profile's region. Not spilled. */
    public String segment;
    /** DISPATCHED and DELIVERED: the parcel's promise, the end of its commit date (epoch millis). */
    public long promisedBy;

    public TpchEvent() {}

    static TpchEvent placed(long time, long orderKey, long customerKey, long valueCents) {
        TpchEvent e = new TpchEvent();
        e.time = time;
        e.kind = PLACED;
        e.orderKey = orderKey;
        e.customerKey = customerKey;
        e.valueCents = valueCents;
        return e;
    }

    static TpchEvent profile(long time, long customerKey, long balanceCents, String segment) {
        TpchEvent e = new TpchEvent();
        e.time = time;
        e.kind = PROFILE;
        e.customerKey = customerKey;
        e.valueCents = balanceCents;
        e.segment = segment;
        return e;
    }

    static TpchEvent parcel(byte kind, long time, long orderKey, int lineNumber, long customerKey, long promisedBy) {
        TpchEvent e = new TpchEvent();
        e.time = time;
        e.kind = kind;
        e.orderKey = orderKey;
        e.lineNumber = lineNumber;
        e.customerKey = customerKey;
        e.promisedBy = promisedBy;
        return e;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(time);
        out.writeByte(kind);
        out.writeLong(orderKey);
        out.writeInt(lineNumber);
        out.writeLong(customerKey);
        out.writeLong(valueCents);
        out.writeLong(promisedBy);
    }

    static TpchEvent readFrom(DataInput in) throws IOException {
        TpchEvent e = new TpchEvent();
        e.time = in.readLong();
        e.kind = in.readByte();
        e.orderKey = in.readLong();
        e.lineNumber = in.readInt();
        e.customerKey = in.readLong();
        e.valueCents = in.readLong();
        e.promisedBy = in.readLong();
        return e;
    }

    @Override
    public String toString() {
        return "TpchEvent{" + kind + " o" + orderKey + (lineNumber > 0 ? "-" + lineNumber : "") + " @" + time + "}";
    }
}
