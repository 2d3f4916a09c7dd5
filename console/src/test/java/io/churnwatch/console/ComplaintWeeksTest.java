package io.churnwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.console.ComplaintWeeks.Day;
import io.churnwatch.console.ComplaintWeeks.OpenSpike;
import io.churnwatch.console.ComplaintWeeks.Report;
import io.churnwatch.console.ComplaintWeeks.Row;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComplaintWeeksTest {

    /** A Wednesday in ISO week 2026-W46 (Monday 2026-11-09). */
    private static final LocalDate WEDNESDAY = LocalDate.parse("2026-11-11");

    private static final LocalDate SUNDAY = LocalDate.parse("2026-11-15");

    private static List<Day> everyDay(String category, LocalDate from, LocalDate to, int tickets) {
        List<Day> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(new Day(category, d, tickets, false));
        }
        return out;
    }

    @Test
    void coversTheEightIsoWeeksEndingWithTheNewestJudgedDayAndMarksAnUnfinishedLastWeek() {
        Report report = ComplaintWeeks.compute(WEDNESDAY, List.of(), List.of());

        assertThat(report.weeks())
                .extracting(ComplaintWeeks.Week::label)
                .containsExactly(
                        "2026-W39", "2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46");
        assertThat(report.weeks().get(0).starts()).isEqualTo(LocalDate.parse("2026-09-21"));
        assertThat(report.weeks().get(7).partial()).isTrue();
        assertThat(report.weeks().get(6).partial()).isFalse();
        assertThat(ComplaintWeeks.compute(SUNDAY, List.of(), List.of())
                        .weeks()
                        .get(7)
                        .partial())
                .as("a week whose Sunday is judged is complete")
                .isFalse();
        assertThat(ComplaintWeeks.firstDayToRead(WEDNESDAY)).isEqualTo(LocalDate.parse("2026-09-14"));
    }

    @Test
    void sumsEachCategorysDaysPerWeekWithTheChangeAgainstTheWeekBeforeTheFirstWeekIncluded() {
        List<Day> days = new ArrayList<>();
        // 2 a day from the week before the report (W38) to W45, then 5 a day in W46 up to Wednesday
        days.addAll(everyDay("delivery", LocalDate.parse("2026-09-14"), LocalDate.parse("2026-11-08"), 2));
        days.addAll(everyDay("delivery", LocalDate.parse("2026-11-09"), WEDNESDAY, 5));
        // older than the report's previous week: not read into any week
        days.add(new Day("delivery", LocalDate.parse("2026-09-13"), 100, false));

        Row delivery =
                ComplaintWeeks.compute(WEDNESDAY, days, List.of()).categories().get(0);

        assertThat(delivery.category()).isEqualTo("delivery");
        assertThat(delivery.weeks().get(0).tickets()).isEqualTo(14);
        assertThat(delivery.weeks().get(0).change())
                .as("against W38, which is read but not shown")
                .isZero();
        assertThat(delivery.weeks().get(0).changePercent()).isEqualTo(0.0);
        assertThat(delivery.latest().tickets()).isEqualTo(15);
        assertThat(delivery.latest().change()).isEqualTo(1);
        assertThat(delivery.latest().changePercent()).isEqualTo(7.1);
        assertThat(delivery.total()).isEqualTo(7 * 14 + 15);
    }

    @Test
    void aRiseFromAQuietWeekHasAChangeButNoPercentage() {
        Row billing = ComplaintWeeks.compute(
                        WEDNESDAY, List.of(new Day("billing", LocalDate.parse("2026-11-10"), 4, false)), List.of())
                .categories()
                .get(0);

        assertThat(billing.latest().tickets()).isEqualTo(4);
        assertThat(billing.latest().change()).isEqualTo(4);
        assertThat(billing.latest().changePercent()).isNull();
        assertThat(billing.weeks().get(6).tickets())
                .as("a week without judged days")
                .isZero();
    }

    @Test
    void listsTheSpikeDaysPerWeekAndTheOpenSpikesWithTheirOwnerTopCategoriesFirst() {
        List<Day> days = new ArrayList<>();
        days.addAll(everyDay("billing", LocalDate.parse("2026-11-02"), WEDNESDAY, 1));
        days.add(new Day("delivery", LocalDate.parse("2026-11-03"), 12, true));
        days.add(new Day("delivery", LocalDate.parse("2026-11-10"), 20, true));
        days.add(new Day("delivery", LocalDate.parse("2026-11-11"), 25, true));
        OpenSpike open = new OpenSpike(
                "operational:complaint-spike:delivery:2026-11-10",
                "delivery",
                LocalDate.parse("2026-11-10"),
                "HIGH",
                "support operations lead");
        OpenSpike quiet = new OpenSpike(
                "operational:complaint-spike:returns:2026-11-11",
                "returns",
                LocalDate.parse("2026-11-11"),
                "MEDIUM",
                "returns desk");

        Report report = ComplaintWeeks.compute(WEDNESDAY, days, List.of(quiet, open));

        assertThat(report.categories()).extracting(Row::category).containsExactly("delivery", "billing", "returns");
        Row delivery = report.categories().get(0);
        assertThat(delivery.latest().spikeDays())
                .containsExactly(LocalDate.parse("2026-11-10"), LocalDate.parse("2026-11-11"));
        assertThat(delivery.weeks().get(6).spikeDays()).containsExactly(LocalDate.parse("2026-11-03"));
        assertThat(delivery.openSpikes()).containsExactly(open);
        assertThat(report.categories().get(2).openSpikes())
                .as("an open spike gets its row even without tickets in the window")
                .containsExactly(quiet);
        assertThat(report.shop().latest().tickets()).isEqualTo(3 + 20 + 25);
        assertThat(report.shop().weeks().get(6).tickets()).isEqualTo(7 + 12);
        assertThat(report.shop().latest().spikeDays()).hasSize(2);
    }

    @Test
    void nothingJudgedYetIsAnEmptyReport() {
        Report report = ComplaintWeeks.compute(null, List.of(), List.of());

        assertThat(report.isEmpty()).isTrue();
        assertThat(report.categories()).isEmpty();
    }
}
