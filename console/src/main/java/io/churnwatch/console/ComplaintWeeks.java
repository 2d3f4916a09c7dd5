package io.churnwatch.console;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The weekly complaint review: how many tickets the shop got each ISO week (Monday to Sunday, UTC), and
 * in which categories, from the detection job's judged days ({@code churn-complaint-days}). Plain Java
 * over facts read from Elasticsearch, so the rules are tested without a server.
 *
 * <ul>
 *   <li>The report covers {@link #WEEKS} ISO weeks, the last being the week of the newest judged day (so
 *       a replayed history reports its own weeks; {@code through} says which day the figures reach). That
 *       week is marked {@code partial} unless its Sunday has been judged.
 *   <li>A category's week is the sum of its judged days; a day the job did not judge (no tickets, no
 *       open spike) counts as zero.
 *   <li>The change is against the previous ISO week, so the first week of the report needs the week
 *       before it: {@link #firstDayToRead} is one week earlier than the first week shown. The percentage
 *       is null when the previous week had no tickets (from nothing, any rise is infinite).
 *   <li>Categories are ordered by their tickets over the report's weeks, most first, then by name; a
 *       category with an open spike but no ticket in the window still gets its row.
 * </ul>
 */
public final class ComplaintWeeks {

    public static final int WEEKS = 8;

    /** One judged day of one category, as the detection job indexed it. */
    public record Day(String category, LocalDate day, int tickets, boolean spike) {}

    /** An open (firing) complaint-spike alert. */
    public record OpenSpike(String alertId, String category, LocalDate since, String severity, String owner) {}

    /** One ISO week: {@code label} like {@code 2026-W45}, starting on Monday {@code starts}. */
    public record Week(String label, LocalDate starts, boolean partial) {}

    /**
     * One category's (or the whole shop's) count in one week, the change against the week before, and the
     * days of the week that spiked.
     */
    public record Cell(int tickets, int change, Double changePercent, List<LocalDate> spikeDays) {}

    public record Row(String category, int total, List<Cell> weeks, List<OpenSpike> openSpikes) {

        public Cell latest() {
            return weeks.get(weeks.size() - 1);
        }
    }

    public record Report(LocalDate through, List<Week> weeks, Row shop, List<Row> categories) {

        public boolean isEmpty() {
            return through == null;
        }
    }

    private ComplaintWeeks() {}

    /** The Monday {@link #WEEKS} weeks before {@code anchor}'s week: the report's first week's previous week. */
    public static LocalDate firstDayToRead(LocalDate anchor) {
        return monday(anchor).minusWeeks(WEEKS);
    }

    public static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public static String isoWeek(LocalDate day) {
        return String.format(
                Locale.ROOT,
                "%d-W%02d",
                day.get(IsoFields.WEEK_BASED_YEAR),
                day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /**
     * The report for the {@link #WEEKS} weeks ending with the week of {@code through}, the newest judged
     * day (null when nothing was judged yet: an empty report). Days outside the window are ignored.
     */
    public static Report compute(LocalDate through, List<Day> days, List<OpenSpike> openSpikes) {
        if (through == null) {
            return new Report(null, List.of(), null, List.of());
        }
        LocalDate first = firstDayToRead(through);
        List<Week> weeks = new ArrayList<>();
        for (int w = 1; w <= WEEKS; w++) {
            LocalDate starts = first.plusWeeks(w);
            boolean last = w == WEEKS;
            weeks.add(new Week(isoWeek(starts), starts, last && through.getDayOfWeek() != DayOfWeek.SUNDAY));
        }
        LocalDate end = monday(through).plusWeeks(1); // exclusive

        // index 0 is the week before the report, for the first week's change
        Map<String, int[]> tickets = new HashMap<>();
        Map<String, List<TreeSet<LocalDate>>> spikes = new HashMap<>();
        int[] shopTickets = new int[WEEKS + 1];
        List<TreeSet<LocalDate>> shopSpikes = emptySpikeDays();
        for (Day d : days) {
            if (d.day().isBefore(first) || !d.day().isBefore(end)) {
                continue;
            }
            int w = (int) ChronoUnit.WEEKS.between(first, monday(d.day()));
            tickets.computeIfAbsent(d.category(), k -> new int[WEEKS + 1])[w] += d.tickets();
            shopTickets[w] += d.tickets();
            if (d.spike()) {
                spikes.computeIfAbsent(d.category(), k -> emptySpikeDays())
                        .get(w)
                        .add(d.day());
                shopSpikes.get(w).add(d.day());
            }
        }
        Map<String, List<OpenSpike>> open = new HashMap<>();
        for (OpenSpike s : openSpikes) {
            open.computeIfAbsent(s.category(), k -> new ArrayList<>()).add(s);
            tickets.computeIfAbsent(s.category(), k -> new int[WEEKS + 1]);
        }
        open.values().forEach(list -> list.sort(Comparator.comparing(OpenSpike::since)));

        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, int[]> e : tickets.entrySet()) {
            String c = e.getKey();
            rows.add(row(c, e.getValue(), spikes.getOrDefault(c, emptySpikeDays()), open.getOrDefault(c, List.of())));
        }
        rows.sort(Comparator.comparingInt(Row::total).reversed().thenComparing(Row::category));
        Row shop = row("all categories", shopTickets, shopSpikes, List.copyOf(openSpikes));
        return new Report(through, List.copyOf(weeks), shop, List.copyOf(rows));
    }

    private static Row row(String category, int[] perWeek, List<TreeSet<LocalDate>> spikeDays, List<OpenSpike> open) {
        List<Cell> cells = new ArrayList<>();
        int total = 0;
        for (int w = 1; w <= WEEKS; w++) {
            int now = perWeek[w];
            int before = perWeek[w - 1];
            total += now;
            Double percent = before == 0 ? null : Math.round((now - before) * 1000.0 / before) / 10.0;
            cells.add(new Cell(now, now - before, percent, List.copyOf(spikeDays.get(w))));
        }
        return new Row(category, total, List.copyOf(cells), List.copyOf(open));
    }

    private static List<TreeSet<LocalDate>> emptySpikeDays() {
        List<TreeSet<LocalDate>> out = new ArrayList<>();
        for (int w = 0; w <= WEEKS; w++) {
            out.add(new TreeSet<>());
        }
        return out;
    }
}
