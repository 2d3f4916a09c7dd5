package io.churnwatch.console;

import io.churnwatch.events.SaveOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How each playbook's save attempts ended, from the console's own records: the resolutions and the
 * contacts people noted. Plain Java over facts read from Elasticsearch, so the rules are tested
 * without a server.
 *
 * <p>Every figure is over <em>resolved</em> alerts: an alert counts under the playbook recorded with
 * its latest resolve (a re-resolve corrects the first; an acknowledge after it reopens the alert, and
 * a reopened alert is not counted until it is resolved again). Per playbook:
 *
 * <ul>
 *   <li><b>saved rate</b>: saved ÷ (saved + lost + left respectfully), the resolutions where someone
 *       reached the customer. No-contact resolutions stay out of the denominator: a playbook is not
 *       judged on customers nobody spoke to (they are counted in their own column).
 *   <li><b>time to first contact</b>: from the alert's raise ({@code first_seen}) to its first action
 *       with a contact, median and 90th percentile (nearest rank) over the resolved alerts that had
 *       one. A resolve as saved, lost or left respectfully is a contact even in records written
 *       before actions had a {@code contact} field.
 *   <li><b>callbacks in time</b>: of the resolved alerts whose save action had a {@code callback_by},
 *       the share whose first contact was at or before it. No contact at all is a miss.
 * </ul>
 */
public final class PlaybookOutcomes {

    /** The playbook of a resolve recorded without one (an alert without a save action). */
    public static final String NO_PLAYBOOK = "(none)";

    private static final Set<SaveOutcome> SPOKEN =
            EnumSet.of(SaveOutcome.SAVED, SaveOutcome.LOST, SaveOutcome.LEFT_RESPECTFULLY);

    private PlaybookOutcomes() {}

    /** One recorded action, as far as outcomes care: ACKNOWLEDGE, RESOLVE or anything with a contact. */
    public record ActionFact(
            String alertId,
            String actionId,
            String kind,
            Instant actedAt,
            SaveOutcome outcome,
            boolean contact,
            String playbook) {

        boolean isContact() {
            return contact || ("RESOLVE".equals(kind) && outcome != null && SPOKEN.contains(outcome));
        }
    }

    /** What the alert itself says: when it was raised and by when its save action asked for a call. */
    public record AlertFact(Instant firstSeen, Instant callbackBy) {}

    /** One playbook's figures; the rates and durations are null where there is nothing to divide. */
    public record Row(
            String playbook,
            int resolved,
            int saved,
            int lost,
            int leftRespectfully,
            int noContact,
            Double savedRate,
            int contacted,
            Duration medianToFirstContact,
            Duration p90ToFirstContact,
            int withCallbackBy,
            int callbacksInTime,
            Double callbackInTimeShare) {}

    public static List<Row> compute(List<ActionFact> actions, Map<String, AlertFact> alerts) {
        Map<String, List<ActionFact>> byAlert = new LinkedHashMap<>();
        actions.stream()
                .sorted(Comparator.comparing(ActionFact::actedAt).thenComparing(ActionFact::actionId))
                .forEach(a -> byAlert.computeIfAbsent(a.alertId(), k -> new ArrayList<>())
                        .add(a));
        Map<String, Tally> tallies = new TreeMap<>();
        byAlert.forEach((alertId, list) -> {
            ActionFact lastResolve = null;
            Instant firstContact = null;
            for (ActionFact a : list) {
                if ("RESOLVE".equals(a.kind())) {
                    lastResolve = a;
                } else if ("ACKNOWLEDGE".equals(a.kind())) {
                    lastResolve = null;
                }
                if (firstContact == null && a.isContact()) {
                    firstContact = a.actedAt();
                }
            }
            if (lastResolve == null || lastResolve.outcome() == null) {
                return;
            }
            String playbook = lastResolve.playbook() == null ? NO_PLAYBOOK : lastResolve.playbook();
            tallies.computeIfAbsent(playbook, Tally::new).add(lastResolve.outcome(), firstContact, alerts.get(alertId));
        });
        return tallies.values().stream().map(Tally::row).toList();
    }

    /** Nearest-rank percentile (0 &lt; p ≤ 100) of sorted values: the smallest value with p % at or below it. */
    static Duration percentile(List<Duration> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static final class Tally {
        final String playbook;
        final Map<SaveOutcome, Integer> outcomes = new java.util.EnumMap<>(SaveOutcome.class);
        final List<Duration> toContact = new ArrayList<>();
        int resolved;
        int withCallbackBy;
        int callbacksInTime;

        Tally(String playbook) {
            this.playbook = playbook;
        }

        void add(SaveOutcome outcome, Instant firstContact, AlertFact alert) {
            resolved++;
            outcomes.merge(outcome, 1, Integer::sum);
            if (firstContact != null && alert != null && alert.firstSeen() != null) {
                Duration d = Duration.between(alert.firstSeen(), firstContact);
                // A contact stamped before the raise (clocks of two systems) is contact at once, not negative time.
                toContact.add(d.isNegative() ? Duration.ZERO : d);
            }
            if (alert != null && alert.callbackBy() != null) {
                withCallbackBy++;
                if (firstContact != null && !firstContact.isAfter(alert.callbackBy())) {
                    callbacksInTime++;
                }
            }
        }

        Row row() {
            int saved = count(SaveOutcome.SAVED);
            int lost = count(SaveOutcome.LOST);
            int left = count(SaveOutcome.LEFT_RESPECTFULLY);
            int spoken = saved + lost + left;
            List<Duration> sorted = toContact.stream().sorted().toList();
            return new Row(
                    playbook,
                    resolved,
                    saved,
                    lost,
                    left,
                    count(SaveOutcome.NO_CONTACT),
                    spoken == 0 ? null : (double) saved / spoken,
                    sorted.size(),
                    percentile(sorted, 50),
                    percentile(sorted, 90),
                    withCallbackBy,
                    callbacksInTime,
                    withCallbackBy == 0 ? null : (double) callbacksInTime / withCallbackBy);
        }

        private int count(SaveOutcome o) {
            return outcomes.getOrDefault(o, 0);
        }
    }
}
