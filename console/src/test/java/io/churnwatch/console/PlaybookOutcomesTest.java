package io.churnwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.console.PlaybookOutcomes.ActionFact;
import io.churnwatch.console.PlaybookOutcomes.AlertFact;
import io.churnwatch.console.PlaybookOutcomes.Row;
import io.churnwatch.events.SaveOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaybookOutcomesTest {

    private static final Instant RAISED = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant CALLBACK_BY = RAISED.plus(Duration.ofHours(4));
    private static final String CALLBACK = "gold-callback";
    private static final String EMAIL = "apology-email";

    private final List<ActionFact> actions = new ArrayList<>();
    private final Map<String, AlertFact> alerts = new HashMap<>();

    @Test
    void theSavedRateCountsOnlyResolutionsWhereSomeoneReachedTheCustomer() {
        resolved("a-1", CALLBACK, SaveOutcome.SAVED, 1);
        resolved("a-2", CALLBACK, SaveOutcome.SAVED, 2);
        resolved("a-3", CALLBACK, SaveOutcome.LOST, 3);
        resolved("a-4", CALLBACK, SaveOutcome.LEFT_RESPECTFULLY, 4);
        resolved("a-5", CALLBACK, SaveOutcome.NO_CONTACT, 5);

        Row row = only();

        assertThat(row.resolved()).isEqualTo(5);
        assertThat(row.noContact()).isEqualTo(1);
        assertThat(row.savedRate()).isEqualTo(0.5); // 2 saved of 4 reached; the no-contact one is not in it
    }

    @Test
    void timeToFirstContactRunsFromTheRaiseToTheFirstContactNotToTheResolve() {
        alerts.put("a-1", new AlertFact(RAISED, null));
        note("a-1", "n-1", RAISED.plus(Duration.ofHours(2)), false); // a note without a contact is not one
        note("a-1", "n-2", RAISED.plus(Duration.ofHours(3)), true);
        actions.add(resolve("a-1", "r-1", RAISED.plus(Duration.ofDays(2)), SaveOutcome.SAVED, CALLBACK));

        Row row = only();

        assertThat(row.contacted()).isEqualTo(1);
        assertThat(row.medianToFirstContact()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void medianAndP90AreNearestRankOverTheAlertsThatHadAContact() {
        for (int h = 1; h <= 10; h++) {
            resolved("a-" + h, CALLBACK, SaveOutcome.SAVED, h);
        }
        resolved("a-never", CALLBACK, SaveOutcome.NO_CONTACT, 99);

        Row row = only();

        assertThat(row.contacted()).isEqualTo(10);
        assertThat(row.medianToFirstContact()).isEqualTo(Duration.ofHours(5));
        assertThat(row.p90ToFirstContact()).isEqualTo(Duration.ofHours(9));
    }

    @Test
    void aCallbackIsInTimeWhenTheFirstContactIsAtOrBeforeCallbackBy() {
        resolvedWithCallback("a-early", SaveOutcome.SAVED, CALLBACK_BY.minusSeconds(60));
        resolvedWithCallback("a-exact", SaveOutcome.LOST, CALLBACK_BY);
        resolvedWithCallback("a-late", SaveOutcome.SAVED, CALLBACK_BY.plusSeconds(1));
        resolvedWithCallback("a-none", SaveOutcome.NO_CONTACT, CALLBACK_BY.minusSeconds(60));
        resolved("a-no-deadline", CALLBACK, SaveOutcome.SAVED, 1);

        Row row = only();

        assertThat(row.withCallbackBy()).isEqualTo(4);
        assertThat(row.callbacksInTime()).isEqualTo(2);
        assertThat(row.callbackInTimeShare()).isEqualTo(0.5);
    }

    @Test
    void anAlertCountsOnceUnderThePlaybookOfItsLatestResolve() {
        alerts.put("a-1", new AlertFact(RAISED, null));
        actions.add(resolve("a-1", "r-1", RAISED.plus(Duration.ofHours(1)), SaveOutcome.NO_CONTACT, EMAIL));
        actions.add(resolve("a-1", "r-2", RAISED.plus(Duration.ofHours(5)), SaveOutcome.SAVED, CALLBACK));

        List<Row> rows = PlaybookOutcomes.compute(actions, alerts);

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.playbook()).isEqualTo(CALLBACK);
            assertThat(r.resolved()).isEqualTo(1);
            assertThat(r.saved()).isEqualTo(1);
            assertThat(r.medianToFirstContact()).isEqualTo(Duration.ofHours(5));
        });
    }

    @Test
    void aReopenedAlertIsNotResolvedAndAResolveWithoutPlaybookIsCountedApart() {
        alerts.put("a-1", new AlertFact(RAISED, null));
        actions.add(resolve("a-1", "r-1", RAISED.plus(Duration.ofHours(1)), SaveOutcome.LOST, CALLBACK));
        actions.add(new ActionFact("a-1", "k-1", "ACKNOWLEDGE", RAISED.plus(Duration.ofHours(2)), null, false, null));
        resolved("a-2", null, SaveOutcome.SAVED, 1);

        List<Row> rows = PlaybookOutcomes.compute(actions, alerts);

        assertThat(rows).extracting(Row::playbook).containsExactly(PlaybookOutcomes.NO_PLAYBOOK);
    }

    @Test
    void nothingToDivideGivesNoRateRatherThanZero() {
        resolved("a-1", EMAIL, SaveOutcome.NO_CONTACT, 1);

        Row row = only();

        assertThat(row.savedRate()).isNull();
        assertThat(row.callbackInTimeShare()).isNull();
        assertThat(row.medianToFirstContact()).isNull();
    }

    private Row only() {
        List<Row> rows = PlaybookOutcomes.compute(actions, alerts);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** Raised at RAISED, resolved {@code hours} later, the resolve being the first contact (if any). */
    private void resolved(String alertId, String playbook, SaveOutcome outcome, int hours) {
        alerts.put(alertId, new AlertFact(RAISED, null));
        actions.add(resolve(alertId, "r-" + alertId, RAISED.plus(Duration.ofHours(hours)), outcome, playbook));
    }

    private void resolvedWithCallback(String alertId, SaveOutcome outcome, Instant at) {
        alerts.put(alertId, new AlertFact(RAISED, CALLBACK_BY));
        actions.add(resolve(alertId, "r-" + alertId, at, outcome, CALLBACK));
    }

    private void note(String alertId, String id, Instant at, boolean contact) {
        actions.add(new ActionFact(alertId, id, "NOTE", at, null, contact, CALLBACK));
    }

    /** Resolve facts as records before version 2 wrote them: no contact field, implied by the outcome. */
    private static ActionFact resolve(String alertId, String id, Instant at, SaveOutcome outcome, String playbook) {
        return new ActionFact(alertId, id, "RESOLVE", at, outcome, false, playbook);
    }
}
