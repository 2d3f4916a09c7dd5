package io.churnwatch.jobs.detect.trend;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.jobs.rules.ChurnRules.ComplaintTrendRules;
import io.churnwatch.jobs.rules.RulesParser;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sentence a complaint spike carries: how many, about what, on which day, against what baseline. */
class ComplaintSpikeTextTest {

    private static final ComplaintTrendRules RULES = RulesParser.defaults().complaintTrends();
    private static final long SPIKE_DAY = LocalDate.parse("2026-11-09").toEpochDay();

    @Test
    void saysHowManyTicketsAboutWhatAgainstTheBaseline() {
        TrendState state = new TrendState();
        for (long day = SPIKE_DAY - 7; day <= SPIKE_DAY; day++) {
            int tickets = day == SPIKE_DAY ? 12 : 3;
            for (int i = 0; i < tickets; i++) {
                ComplaintTrend.add(state, "t-" + day + "-" + i, day * ComplaintTrend.DAY + i * 60_000L);
            }
        }
        List<Incident> incidents = new ArrayList<>();
        List<ChurnAlert> alerts = new ArrayList<>();

        ComplaintTrend.judgeUpTo(
                "delivery", state, ComplaintTrend.endOf(SPIKE_DAY), RULES, incidents::add, alerts::add);

        assertThat(incidents)
                .extracting(Incident::getSummary)
                .containsExactly("12 new delivery tickets on 2026-11-09, against a 7-day baseline of 3.0 a day");
    }
}
