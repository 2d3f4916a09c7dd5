package io.churnwatch.jobs.detect.trend;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One judged day of one category: how many tickets were opened, the baseline the day was judged
 * against and whether it spiked. The complaint-trend operator emits one for every day it judges, spike
 * or not, so the weekly complaint review counts the same tickets the spike detection counted (the
 * console's Complaints page reads them from {@code churn-complaint-days}).
 *
 * <p>Days with no tickets are judged, and emitted, only while a spike is open (to resolve it); a quiet
 * day missing from the index counts as zero.
 *
 * <p>A Flink POJO (public fields, no-argument constructor), so it crosses operators without Kryo.
 */
public class ComplaintDay {

    /** The category, as keyed: lower case, "uncategorised" when the helpdesk sent none. */
    public String category;
    /** The UTC day, as epoch day. */
    public long day;

    public int tickets;
    /** The mean tickets a day over the {@link #baselineDays} before, days without tickets counting as zero. */
    public double baselinePerDay;

    public int baselineDays;
    /** False while the category is still in its warm-up: such a day cannot spike. */
    public boolean warmedUp;

    public boolean spike;
    /** The COMPLAINT_SPIKE incident of a spiking day, else null. */
    public String incidentId;

    public ComplaintDay() {}

    public ComplaintDay(
            String category,
            long day,
            int tickets,
            double baselinePerDay,
            int baselineDays,
            boolean warmedUp,
            boolean spike,
            String incidentId) {
        this.category = category;
        this.day = day;
        this.tickets = tickets;
        this.baselinePerDay = baselinePerDay;
        this.baselineDays = baselineDays;
        this.warmedUp = warmedUp;
        this.spike = spike;
        this.incidentId = incidentId;
    }

    public LocalDate date() {
        return LocalDate.ofEpochDay(day);
    }

    /** The document id: {@code <category>:<yyyy-mm-dd>}, so a replay or a restart rewrites the same day. */
    public String id() {
        return category + ":" + date();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComplaintDay d
                && day == d.day
                && tickets == d.tickets
                && Double.compare(baselinePerDay, d.baselinePerDay) == 0
                && baselineDays == d.baselineDays
                && warmedUp == d.warmedUp
                && spike == d.spike
                && Objects.equals(category, d.category)
                && Objects.equals(incidentId, d.incidentId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(category, day, tickets, baselinePerDay, baselineDays, warmedUp, spike, incidentId);
    }

    @Override
    public String toString() {
        return id() + " " + tickets + " tickets (baseline " + baselinePerDay + "/day" + (spike ? ", spike" : "") + ")";
    }
}
