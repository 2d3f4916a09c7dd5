package io.churnwatch.jobs.detect.order;

/**
 * The latest ETA a carrier reported for one promise. A separate, usually null object, because most parcels
 * never get a revised ETA and a null costs one byte of state where three fields would cost twenty-four.
 */
public class EtaReport {

    public long eta;
    public long reportedAt;
    public String eventId;

    public EtaReport() {}
}
