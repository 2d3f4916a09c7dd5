package io.churnwatch.jobs.detect.trend;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.rules.ChurnRules.ComplaintTrendRules;
import io.churnwatch.jobs.rules.RulesParser;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComplaintTrendTest {

    private static final ComplaintTrendRules RULES = RulesParser.defaults().complaintTrends(); // 7 days, 3x, min 10
    private static final long SPIKE_DAY = LocalDate.parse("2026-11-09").toEpochDay();

    private final TrendState state = new TrendState();
    private final List<Incident> incidents = new ArrayList<>();
    private final List<ChurnAlert> alerts = new ArrayList<>();

    @ParameterizedTest(name = "{0} tickets against a baseline of {1} a day: spike {2}")
    @CsvSource({
        "12, 3.0, true",
        "9, 0.0, false",
        "10, 0.0, true",
        "10, 4.0, false",
        "12, 4.0, true",
        "30, 10.0, true",
        "29, 10.0, false"
    })
    void spikesAtTheMinimumAndTheFactorOverTheBaseline(int count, double baseline, boolean spike) {
        assertThat(ComplaintSpike.isSpike(count, baseline, RULES)).isEqualTo(spike);
    }

    private void open(long day, int tickets, String prefix) {
        for (int i = 0; i < tickets; i++) {
            ComplaintTrend.add(state, prefix + day + "-" + i, day * ComplaintTrend.DAY + i * 60_000L);
        }
    }

    private void judgeUntilEndOf(long day) {
        ComplaintTrend.judgeUpTo("delivery", state, ComplaintTrend.endOf(day), RULES, incidents::add, alerts::add);
    }

    @Test
    void raisesASpikeAgainstTheTrailingBaselineAndResolvesTheNextQuietDay() {
        for (long day = SPIKE_DAY - 7; day < SPIKE_DAY; day++) {
            open(day, 3, "t-");
        }
        open(SPIKE_DAY, 12, "t-");
        judgeUntilEndOf(SPIKE_DAY + 1);

        assertThat(incidents).singleElement().satisfies(i -> {
            assertThat(i.getKind()).isEqualTo(IncidentKind.COMPLAINT_SPIKE);
            assertThat(i.getCustomerId()).isNull();
            assertThat(i.getIncidentId()).isEqualTo("COMPLAINT_SPIKE:delivery:2026-11-09");
            assertThat(i.getAttributes()).containsEntry("tickets", "12").containsEntry("baseline_per_day", "3.0");
        });
        assertThat(alerts).extracting(ChurnAlert::getStatus).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.getScope()).isEqualTo(AlertScope.OPERATIONAL);
            assertThat(a.getAlertId()).isEqualTo("operational:complaint-spike:delivery:2026-11-09");
        });
    }

    @Test
    void countsATicketOnceAndIgnoresTicketsForAJudgedDay() {
        open(SPIKE_DAY, 9, "t-");
        open(SPIKE_DAY, 9, "t-"); // redelivered
        judgeUntilEndOf(SPIKE_DAY);
        assertThat(ComplaintTrend.add(state, "late-ticket", SPIKE_DAY * ComplaintTrend.DAY))
                .isFalse();

        assertThat(incidents).isEmpty();
        assertThat(state.historyCounts).containsExactly(9);
    }

    @Test
    void aNewCategoryIsWatchedForItsWarmUpBeforeADayOfItMaySpike() {
        long first = SPIKE_DAY - 3; // three days of data: no baseline to speak of
        open(first, 1, "t-");
        open(SPIKE_DAY - 2, 1, "t-");
        open(SPIKE_DAY, 12, "t-");
        judgeUntilEndOf(SPIKE_DAY);
        assertThat(incidents)
                .as("12 tickets on day 4 of the category, against a baseline of 0.3")
                .isEmpty();

        for (long day = SPIKE_DAY + 1; day < first + RULES.warmUp(); day++) {
            open(day, 1, "t-");
        }
        long warm = first + RULES.warmUp();
        open(warm, 12, "t-");
        judgeUntilEndOf(warm);
        assertThat(incidents)
                .as("the same 12 once the category has been watched for %d days", RULES.warmUp())
                .singleElement()
                .satisfies(i -> assertThat(i.getIncidentId())
                        .isEqualTo("COMPLAINT_SPIKE:delivery:" + LocalDate.ofEpochDay(warm)));
    }

    @Test
    void aStateFromBeforeWarmUpsExistedHasWatchedLongEnough() {
        state.lastJudgedDay = SPIKE_DAY - 1; // restored from an older savepoint: watchedSince unset
        open(SPIKE_DAY, 12, "t-");
        judgeUntilEndOf(SPIKE_DAY);
        assertThat(state.watchedSince).isEqualTo(io.churnwatch.jobs.detect.Times.NONE);
        assertThat(incidents).hasSize(1);
    }

    @Test
    void aSpikeNamesItsOwnerAndWhatToDo() {
        for (long day = SPIKE_DAY - 7; day < SPIKE_DAY; day++) {
            open(day, 3, "t-");
        }
        open(SPIKE_DAY, 12, "t-");
        judgeUntilEndOf(SPIKE_DAY + 1);

        assertThat(alerts.get(0).getSaveAction()).satisfies(a -> {
            assertThat(a.getOwner()).isEqualTo("support operations lead");
            assertThat(a.getPlaybook()).isEqualTo("complaint-spike");
            assertThat(a.getSummary()).contains("delivery complaints");
            assertThat(a.getSteps()).anySatisfy(step -> assertThat(step).contains("weekly complaint review"));
        });
        assertThat(alerts.get(1).getSaveAction()).as("the resolve").isNull();
    }
}
