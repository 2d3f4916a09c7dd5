package io.churnwatch.jobs.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.TicketPriority;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every threshold, SLA, weight and playbook the detection job uses, as one immutable value.
 *
 * <p>Parsed by {@link RulesParser} from the rules file (defaults in {@code rules/default-rules.yaml},
 * documented in {@code docs/rules.md}); a rule update on {@code churn-rules} replaces the whole
 * document. Serializable because the defaults travel inside the Flink functions.
 */
public record ChurnRules(
        String version,
        String currency,
        SupportRules support,
        ComplaintTrendRules complaintTrends,
        ScoringRules scoring,
        ValueRules value,
        AlertRules alerts,
        List<Playbook> playbooks,
        Grace grace)
        implements Serializable {

    public ChurnRules {
        playbooks = playbooks == null ? null : List.copyOf(playbooks);
        grace = grace == null ? Grace.DEFAULTS : grace;
    }

    /** These rules with other scoring. */
    public ChurnRules withScoring(ScoringRules other) {
        return new ChurnRules(version, currency, support, complaintTrends, other, value, alerts, playbooks, grace);
    }

    /** These rules with other alert rules (levels, resolve line, reopen window). */
    public ChurnRules withAlerts(AlertRules other) {
        return new ChurnRules(version, currency, support, complaintTrends, scoring, value, other, playbooks, grace);
    }

    /** These rules with other grace periods ({@link Grace#NONE} counts every deadline to the millisecond). */
    public ChurnRules withGrace(Grace other) {
        return new ChurnRules(version, currency, support, complaintTrends, scoring, value, alerts, playbooks, other);
    }

    /**
     * How late a deadline may be missed and still count as kept, per kind of deadline: a parcel shipped
     * seven minutes after its ship-by is not a broken promise a retention team should call about. A miss
     * within the grace raises no incident at all (no alert, no compensation, no risk); a miss beyond it is
     * raised once the grace has passed in event time, with its lateness counted from the promised time.
     * Zero turns the grace off. An unset value (or section) takes the documented default below.
     *
     * <p>The order detector reads the grace of the rules the job starts with; the support detector
     * follows rule updates, as it does for its SLAs.
     */
    public record Grace(Duration shipBy, Duration delivery, Duration supportPromise) implements Serializable {

        public static final Duration DEFAULT_SHIP_BY = Duration.ofHours(1);
        public static final Duration DEFAULT_DELIVERY = Duration.ofHours(1);
        public static final Duration DEFAULT_SUPPORT_PROMISE = Duration.ofMinutes(15);

        /** The documented defaults, which an unset section takes. */
        public static final Grace DEFAULTS = new Grace(DEFAULT_SHIP_BY, DEFAULT_DELIVERY, DEFAULT_SUPPORT_PROMISE);

        /** Every deadline counts to the millisecond, as before grace periods existed. */
        public static final Grace NONE = new Grace(Duration.ZERO, Duration.ZERO, Duration.ZERO);

        public Grace {
            shipBy = shipBy == null ? DEFAULT_SHIP_BY : shipBy;
            delivery = delivery == null ? DEFAULT_DELIVERY : delivery;
            supportPromise = supportPromise == null ? DEFAULT_SUPPORT_PROMISE : supportPromise;
        }

        public long shipByMs() {
            return shipBy.toMillis();
        }

        public long deliveryMs() {
            return delivery.toMillis();
        }

        public long supportPromiseMs() {
            return supportPromise.toMillis();
        }
    }

    /** Reply SLAs per ticket priority, and which ticket categories mean the customer wants to leave. */
    public record SupportRules(
            Map<TicketPriority, Duration> firstReplySla,
            Map<TicketPriority, Duration> nextReplySla,
            Set<String> churnCategories)
            implements Serializable {

        public SupportRules {
            firstReplySla = firstReplySla == null ? null : Map.copyOf(firstReplySla);
            nextReplySla = nextReplySla == null ? null : Map.copyOf(nextReplySla);
            churnCategories = churnCategories == null ? Set.of() : Set.copyOf(churnCategories);
        }

        public Duration firstReply(TicketPriority priority) {
            return firstReplySla.get(priority);
        }

        public Duration nextReply(TicketPriority priority) {
            return nextReplySla.get(priority);
        }

        public boolean isChurnCategory(String category) {
            return category != null && churnCategories.contains(category.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** A day's tickets in one category spike when they reach both the minimum and factor x the trailing mean. */
    /**
     * When a category's daily complaints count as a spike, who owns it, and how long a category is
     * watched before it may spike at all.
     *
     * @param warmUpDays days a newly seen category is watched before a day of it may spike; unset means
     *     {@code baselineDays}, so the first judged spike stands on a full baseline, not on day 3 of the data
     * @param owner who investigates a spike (on the operational alert's save action)
     */
    public record ComplaintTrendRules(
            @JsonProperty(required = true) int baselineDays,
            @JsonProperty(required = true) double spikeFactor,
            @JsonProperty(required = true) int minimumTickets,
            Integer warmUpDays,
            String owner)
            implements Serializable {

        public static final String DEFAULT_OWNER = "support operations lead";

        public ComplaintTrendRules {
            owner = owner == null || owner.isBlank() ? DEFAULT_OWNER : owner;
        }

        public ComplaintTrendRules(int baselineDays, double spikeFactor, int minimumTickets) {
            this(baselineDays, spikeFactor, minimumTickets, null, null);
        }

        /** Days of watching before a category may spike. */
        public int warmUp() {
            return warmUpDays == null ? baselineDays : warmUpDays;
        }
    }

    /** How incidents turn into risk points, and how fast the points fade in event time. */
    public record ScoringRules(
            Duration halfLife,
            Map<IncidentKind, Double> weights,
            @JsonProperty(required = true) double severityPerDayLate,
            @JsonProperty(required = true) double maxSeverity,
            Duration repeatWindow,
            @JsonProperty(required = true) double repeatBoost,
            @JsonProperty(required = true) double maxRepeatFactor,
            @JsonProperty(required = true) double churnIntentMultiplier)
            implements Serializable {

        public ScoringRules {
            weights = weights == null ? null : Map.copyOf(weights);
        }

        public double weight(IncidentKind kind) {
            return weights.getOrDefault(kind, 0.0);
        }
    }

    /** What the customer is worth scales the risk into a priority. */
    public record ValueRules(
            Map<CustomerTier, Double> tierMultipliers,
            BigDecimal referenceValue,
            @JsonProperty(required = true) double maxValueFactor,
            @JsonProperty(required = true) double unknownCustomerMultiplier)
            implements Serializable {

        public ValueRules {
            tierMultipliers = tierMultipliers == null ? null : Map.copyOf(tierMultipliers);
        }
    }

    /**
     * Priority thresholds per severity (an alert fires at {@code LOW}) and the lower threshold below
     * which it resolves; the gap between the two is the hysteresis that stops alerts flapping.
     */
    public record AlertRules(
            @JsonProperty(required = true) double resolveBelow,
            Map<AlertSeverity, Double> levels,
            @JsonProperty(required = true) int maxReasons,
            Duration reopenWithin)
            implements Serializable {

        /** A customer firing again this soon after their alert resolved continues that episode. */
        public static final Duration DEFAULT_REOPEN_WITHIN = Duration.ofDays(7);

        public AlertRules {
            levels = levels == null ? null : Map.copyOf(levels);
            reopenWithin = reopenWithin == null ? DEFAULT_REOPEN_WITHIN : reopenWithin;
        }

        public double fireAt() {
            return levels.get(AlertSeverity.LOW);
        }

        /** The highest severity whose threshold the priority reaches, or null below {@code LOW}. */
        public AlertSeverity severityFor(double priority) {
            AlertSeverity reached = null;
            for (AlertSeverity severity : AlertSeverity.values()) {
                if (priority >= levels.get(severity)) {
                    reached = severity;
                }
            }
            return reached;
        }
    }

    /** A retention playbook: the first whose {@code when} matches an alert is recommended. */
    public record Playbook(
            String name,
            PlaybookCondition when,
            String summary,
            String owner,
            List<String> steps,
            Duration callbackWithin,
            Duration followUpAfter,
            Compensation compensation,
            SaveOffer offer)
            implements Serializable {

        public Playbook {
            when = when == null ? new PlaybookCondition(null, null, null) : when;
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /** Unset fields match anything. */
    public record PlaybookCondition(Boolean churnIntent, AlertSeverity minSeverity, Set<CustomerTier> tiers)
            implements Serializable {

        public PlaybookCondition {
            tiers = tiers == null ? null : Set.copyOf(tiers);
        }

        public boolean matches(boolean intent, AlertSeverity severity, CustomerTier tier) {
            return (churnIntent == null || churnIntent == intent)
                    && (minSeverity == null || severity.compareTo(minSeverity) >= 0)
                    && (tiers == null || (tier != null && tiers.contains(tier)));
        }
    }

    /** Compensation matched to what the customer bore: each incident, and each day they waited. */
    public record Compensation(
            @JsonProperty(required = true) long perIncidentMinor,
            @JsonProperty(required = true) long perDayLateMinor,
            @JsonProperty(required = true) long maxMinor)
            implements Serializable {}

    /** A save offer worth a share of the customer's lifetime value; {@code template} holds {amount}. */
    public record SaveOffer(
            @JsonProperty(required = true) double percentOfValue,
            @JsonProperty(required = true) long maxMinor,
            String template)
            implements Serializable {}
}
