package io.churnwatch.bench.job;

/**
 * What a bench run sends back to the client: a missed delivery's order key, an alert, or a count of input
 * records read. A flat POJO, so Flink serializes it without Kryo.
 */
public class Tally {

    public static final byte MISSED = 0;
    public static final byte ALERT = 1;
    public static final byte READ = 2;

    public byte kind;
    public long value;

    public Tally() {}

    Tally(byte kind, long value) {
        this.kind = kind;
        this.value = value;
    }

    static Tally missed(long orderKey) {
        return new Tally(MISSED, orderKey);
    }

    static Tally alert() {
        return new Tally(ALERT, 0);
    }

    static Tally read(long records) {
        return new Tally(READ, records);
    }
}
