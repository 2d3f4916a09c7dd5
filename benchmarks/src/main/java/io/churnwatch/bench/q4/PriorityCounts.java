package io.churnwatch.bench.q4;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The TPC-H "order priority checking" answer (Q4) for every quarter: how many orders placed in the
 * quarter have at least one late parcel, by o_orderpriority. Quarters are named by their first day.
 */
public final class PriorityCounts {

    /** The quarter Q4's validation run asks about. */
    public static final LocalDate VALIDATION_QUARTER = LocalDate.of(1993, 7, 1);

    private final Map<LocalDate, Map<String, Long>> byQuarter = new TreeMap<>();

    public static LocalDate quarterOf(LocalDate day) {
        return LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
    }

    void count(int orderEpochDay, String priority) {
        byQuarter
                .computeIfAbsent(quarterOf(LocalDate.ofEpochDay(orderEpochDay)), q -> new TreeMap<>())
                .merge(priority, 1L, Long::sum);
    }

    /** Quarter → priority → orders, both sorted. */
    public Map<LocalDate, Map<String, Long>> byQuarter() {
        return byQuarter;
    }

    public Map<String, Long> quarter(LocalDate firstDay) {
        return byQuarter.getOrDefault(firstDay, Map.of());
    }

    public long total() {
        return byQuarter.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToLong(Long::longValue)
                .sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriorityCounts other && byQuarter.equals(other.byQuarter);
    }

    @Override
    public int hashCode() {
        return byQuarter.hashCode();
    }

    @Override
    public String toString() {
        return byQuarter.toString();
    }
}
