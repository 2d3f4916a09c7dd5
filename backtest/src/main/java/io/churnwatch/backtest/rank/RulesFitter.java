package io.churnwatch.backtest.rank;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.churnwatch.backtest.Outcome;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.alert.CustomerRisk;
import io.churnwatch.jobs.alert.ProfileSnapshot;
import io.churnwatch.jobs.alert.RiskState;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.InvalidRulesException;
import io.churnwatch.jobs.rules.RulesParser;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * Fits the scoring of a rules file to what customers did afterwards, on the training part of a history.
 *
 * <p>The model is the job's own scoring, run through {@link CustomerRisk} exactly as the job runs it:
 * after each incident of a customer (a <i>decision point</i>), the priority it stands at. The chance that a
 * 1-2 star review (or any outcome kind) follows within the horizon is modelled as {@code sigmoid(a + b ln
 * priority)} with {@code b} between 0.25 and 4; the scoring parameters, {@code a} and {@code b} are chosen together to minimise the log loss
 * over the decision points, by CMA-ES (Apache Commons Math), within bounds that keep every value valid for
 * {@link RulesParser}. Fitted: the weight of each incident kind seen often enough in training, lateness
 * ({@code severityPerDayLate}, {@code maxSeverity}), repeats ({@code repeatBoost}, {@code maxRepeatFactor}),
 * churn intent ({@code churnIntentMultiplier}), value ({@code referenceValue}, {@code maxValueFactor}) and
 * decay ({@code halfLife}). Everything else is copied from the base rules.
 *
 * <p>Leakage: only decision points at least one horizon before the cut are used, so no label looks past
 * the cut into the held-out part; an outcome resting on one of the customer's incidents so far (a review
 * turned into the very ticket) is never a label.
 *
 * <p>Scale: {@code ln priority} makes the fit blind to a common factor on all weights, which is what the
 * alert levels read. One kind's weight (the reference) is held at its base value while fitting; afterwards
 * all weights are multiplied by the one factor that makes as many training customers reach {@code LOW} as
 * under the base rules, and the levels above LOW are set where as many training customers reach MEDIUM, HIGH and
 * CRITICAL as under the base rules, so the fitted rules change the order of the list and which customers
 * carry each severity, not the number of alerts at each.
 * Values are rounded to three significant digits before that, and the written file is what is scored.
 */
public final class RulesFitter {

    public static final long DEFAULT_SEED = 16;

    /*
     * The slope on ln priority is kept away from 0: at 0 the loss no longer depends on any scoring parameter,
     * and the search would stop there on data where the base rules rank the wrong way round (Olist's do).
     * Both the fitted and the base rules are judged within the same bounds.
     */
    private static final double B_MIN = 0.25;
    private static final double B_MAX = 4;
    public static final int DEFAULT_MIN_INCIDENTS = 30;

    /**
     * @param minIncidents a kind's weight is fitted only when training holds at least this many incidents of
     *     it; others keep their base weight, scaled with the rest
     */
    public record Options(
            HistorySplit split, Duration horizon, long seed, int maxEvaluations, int minIncidents, String version) {}

    /**
     * @param logLoss mean log loss of the fitted rules over the decision points
     * @param baseLogLoss the same for the base rules, with their own best {@code a}, {@code b}
     * @param scale the factor all weights were multiplied by to keep the number of LOW alerts
     */
    public record Fit(
            ChurnRules rules,
            String document,
            List<IncidentKind> fittedKinds,
            IncidentKind reference,
            int decisionPoints,
            int followed,
            double logLoss,
            double baseLogLoss,
            double intercept,
            double slope,
            int evaluations,
            double scale,
            int lowCustomers) {}

    private record Step(long at, Incident incident, ProfileSnapshot profile, boolean decision, boolean label) {}

    private record Dim(String name, double lo, double hi, boolean log) {
        double value(double x) {
            double v = lo + Math.min(1, Math.max(0, x)) * (hi - lo);
            return log ? Math.exp(v) : v;
        }

        double position(double value) {
            double v = log ? Math.log(value) : value;
            return Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
        }
    }

    private final Map<String, List<Step>> timelines;
    private final int decisions;
    private final int followed;
    private final Map<IncidentKind, Integer> trainingIncidents;

    private RulesFitter(Map<String, List<Step>> timelines, Map<IncidentKind, Integer> trainingIncidents) {
        this.timelines = timelines;
        this.trainingIncidents = trainingIncidents;
        int d = 0;
        int f = 0;
        for (List<Step> steps : timelines.values()) {
            for (Step s : steps) {
                if (s.decision) {
                    d++;
                    f += s.label ? 1 : 0;
                }
            }
        }
        this.decisions = d;
        this.followed = f;
    }

    /**
     * @param incidents every incident revision a replay wrote (detection does not depend on scoring, so a
     *     replay with any rules will do)
     * @param events the recording; its customer profiles give the value
     * @param outcomes outcomes of the one kind to fit against
     */
    public static Fit fit(
            List<Incident> incidents,
            List<SpecificRecord> events,
            List<Outcome> outcomes,
            ChurnRules base,
            Options options)
            throws InvalidRulesException {
        RulesFitter f = prepare(incidents, events, outcomes, options.split(), options.horizon());
        return f.run(base, options);
    }

    static RulesFitter prepare(
            List<Incident> incidents,
            List<SpecificRecord> events,
            List<Outcome> outcomes,
            HistorySplit split,
            Duration horizon) {
        long cut = split.cut().toEpochMilli();
        long lastDecision = split.cut().minus(horizon).toEpochMilli();
        Map<String, List<Object[]>> raw = new HashMap<>();
        for (Incident i : incidents) {
            if (i.getCustomerId() == null) {
                continue;
            }
            long at = arrival(i);
            if (at <= cut) {
                raw.computeIfAbsent(i.getCustomerId(), k -> new ArrayList<>()).add(new Object[] {at, i});
            }
        }
        for (SpecificRecord e : events) {
            if (e instanceof CustomerProfile p && p.getUpdatedAt().toEpochMilli() <= cut) {
                ProfileSnapshot s = new ProfileSnapshot();
                s.tier = p.getTier();
                s.lifetimeValue = p.getLifetimeValue();
                s.region = p.getRegion();
                s.updatedAt = p.getUpdatedAt().toEpochMilli();
                raw.computeIfAbsent(p.getCustomerId(), k -> new ArrayList<>()).add(new Object[] {s.updatedAt, s});
            }
        }
        Map<String, List<Outcome>> outcomesOf = new HashMap<>();
        outcomes.forEach(o -> outcomesOf
                .computeIfAbsent(o.customerId(), k -> new ArrayList<>())
                .add(o));
        Map<IncidentKind, Integer> kinds = new EnumMap<>(IncidentKind.class);
        Map<String, List<Step>> timelines = new TreeMap<>();
        raw.forEach((customer, items) -> {
            // A profile known at the same instant as an incident scores it, as the job would once both arrived.
            items.sort(Comparator.comparingLong((Object[] o) -> (long) o[0])
                    .thenComparingInt(o -> o[1] instanceof ProfileSnapshot ? 0 : 1 + ((Incident) o[1]).getRevision()));
            Set<String> refs = new HashSet<>();
            List<Step> steps = new ArrayList<>();
            boolean anyIncident = false;
            for (Object[] item : items) {
                long at = (long) item[0];
                if (item[1] instanceof ProfileSnapshot p) {
                    steps.add(new Step(at, null, p, false, false));
                    continue;
                }
                Incident i = (Incident) item[1];
                anyIncident = true;
                refs.add(i.getIncidentId());
                if (i.getTicketId() != null) {
                    refs.add(i.getTicketId());
                }
                refs.addAll(i.getEvidenceEventIds());
                if (i.getRevision() == 0) {
                    kinds.merge(i.getKind(), 1, Integer::sum);
                }
                boolean decision = at <= lastDecision;
                boolean label = decision && followed(at, outcomesOf.getOrDefault(customer, List.of()), refs, horizon);
                steps.add(new Step(at, i, null, decision, label));
            }
            if (anyIncident) {
                timelines.put(customer, steps);
            }
        });
        return new RulesFitter(timelines, kinds);
    }

    /** When an incident revision reached the scorer: a settled (late-delivered) revision comes at settlement. */
    static long arrival(Incident i) {
        long at = i.getDetectedAt().toEpochMilli();
        if (i.getRevision() > 0 && i.getSettledAt() != null) {
            at = Math.max(at, i.getSettledAt().toEpochMilli());
        }
        return at;
    }

    private static boolean followed(long at, List<Outcome> outcomes, Set<String> refs, Duration horizon) {
        long until = at + horizon.toMillis();
        for (Outcome o : outcomes) {
            long t = o.at().toEpochMilli();
            if (t > at && t <= until && o.refs().stream().noneMatch(refs::contains)) {
                return true;
            }
        }
        return false;
    }

    int decisionPoints() {
        return decisions;
    }

    int followedPoints() {
        return followed;
    }

    private Fit run(ChurnRules base, Options options) throws InvalidRulesException {
        if (decisions == 0 || followed == 0 || followed == decisions) {
            throw new IllegalArgumentException("the training part has " + decisions + " decision points, " + followed
                    + " followed by the outcome: nothing to fit (need both kinds; is the history long enough for "
                    + options.split().trainShare() + " of it minus the horizon " + options.horizon() + "?)");
        }
        List<IncidentKind> fitted = new ArrayList<>();
        for (IncidentKind k : IncidentKind.values()) {
            if (trainingIncidents.getOrDefault(k, 0) >= options.minIncidents()
                    && base.scoring().weight(k) > 0) {
                fitted.add(k);
            }
        }
        if (fitted.isEmpty()) {
            throw new IllegalArgumentException("no incident kind has " + options.minIncidents()
                    + " incidents in the training part (found " + trainingIncidents + ")");
        }
        IncidentKind reference = fitted.stream()
                .max(Comparator.comparingInt(k -> trainingIncidents.get(k)))
                .orElseThrow();
        List<IncidentKind> free = fitted.stream().filter(k -> k != reference).toList();
        double ref = base.scoring().weight(reference);
        List<Dim> dims = new ArrayList<>();
        for (IncidentKind k : free) {
            dims.add(new Dim("weight " + k, Math.log(ref / 50), Math.log(ref * 50), true));
        }
        dims.add(new Dim("severityPerDayLate", 0, 3, false));
        dims.add(new Dim("maxSeverity", 1, 10, false));
        dims.add(new Dim("repeatBoost", 0, 2, false));
        dims.add(new Dim("maxRepeatFactor", 1, 5, false));
        dims.add(new Dim("churnIntentMultiplier", 1, 5, false));
        dims.add(new Dim("halfLife days", Math.log(0.25), Math.log(90), true));
        dims.add(new Dim("referenceValue", Math.log(10), Math.log(1e6), true));
        dims.add(new Dim("maxValueFactor", 1, 10, false));
        dims.add(new Dim("a", -15, 15, false));
        dims.add(new Dim("b", B_MIN, B_MAX, false));
        int n = dims.size();

        double[] x0 = new double[n];
        int j = 0;
        for (IncidentKind k : free) {
            x0[j] = dims.get(j).position(Math.max(base.scoring().weight(k), ref / 50));
            j++;
        }
        var s = base.scoring();
        var v = base.value();
        double[] start = {
            s.severityPerDayLate(),
            s.maxSeverity(),
            s.repeatBoost(),
            s.maxRepeatFactor(),
            s.churnIntentMultiplier(),
            s.halfLife().toMillis() / 86_400_000.0,
            v.referenceValue().doubleValue(),
            v.maxValueFactor(),
            0,
            1
        };
        for (double value : start) {
            x0[j] = dims.get(j).position(value);
            j++;
        }
        // a from the base rate at b = 1, so the search starts near a sensible model.
        x0[n - 2] = dims.get(n - 2).position(initialIntercept(base, 1.0));

        ObjectiveFunction objective = new ObjectiveFunction(x -> {
            double[] actual = actual(dims, x);
            return logLoss(rules(base, free, reference, ref, actual, options.version()), actual[n - 2], actual[n - 1]);
        });
        double[] sigma = new double[n];
        Arrays.fill(sigma, 0.25);
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(hi, 1.0);
        CMAESOptimizer cmaes = new CMAESOptimizer(
                options.maxEvaluations(),
                0,
                true,
                0,
                0,
                new MersenneTwister(options.seed()),
                false,
                new SimpleValueChecker(1e-8, 1e-10));
        PointValuePair best = cmaes.optimize(
                new MaxEval(options.maxEvaluations()),
                objective,
                GoalType.MINIMIZE,
                new InitialGuess(x0),
                new SimpleBounds(lo, hi),
                new CMAESOptimizer.Sigma(sigma),
                new CMAESOptimizer.PopulationSize(4 + (int) (3 * Math.log(n))));
        double[] actual = actual(dims, best.getPoint());
        ChurnRules unscaled = rules(base, free, reference, ref, actual, options.version());

        // Keep the number of alerts: scale every weight so that as many training customers reach LOW.
        double low = base.alerts().levels().get(AlertSeverity.LOW);
        int lowCustomers =
                (int) maxPriorities(base).stream().filter(p -> p >= low).count();
        List<Double> fittedMax = maxPriorities(unscaled);
        fittedMax.sort(Comparator.reverseOrder());
        double scale = lowCustomers == 0 || fittedMax.isEmpty()
                ? 1.0
                : low / fittedMax.get(Math.min(lowCustomers, fittedMax.size()) - 1);
        Map<IncidentKind, Double> weights = new EnumMap<>(IncidentKind.class);
        unscaled.scoring().weights().forEach((k, w) -> weights.put(k, round(w * scale)));
        ChurnRules weighted = withWeights(unscaled, weights);
        // Keep how many reach each severity as well: the levels above LOW move to the fitted priorities at which
        // as many training customers reach them as under the base rules, so that severity follows the fitted order.
        Map<AlertSeverity, Double> levels = levelsKeepingCounts(base, weighted);
        ChurnRules scaled = withLevels(weighted, levels);
        double[] ab = bestInterceptAndSlope(scaled, actual[n - 2] - actual[n - 1] * Math.log(scale), actual[n - 1]);
        double loss = logLoss(scaled, ab[0], ab[1]);
        double[] baseAb = bestInterceptAndSlope(base, initialIntercept(base, 1.0), 1.0);
        double baseLoss = logLoss(base, baseAb[0], baseAb[1]);

        Fit draft = new Fit(
                scaled,
                null,
                List.copyOf(fitted),
                reference,
                decisions,
                followed,
                loss,
                baseLoss,
                ab[0],
                ab[1],
                cmaes.getEvaluations(),
                scale,
                lowCustomers);
        String document = document(draft, options);
        // The file is what the job reads: it must pass the job's own parser and validator.
        ChurnRules parsed = RulesParser.parse(document);
        return new Fit(
                parsed,
                document,
                draft.fittedKinds(),
                reference,
                decisions,
                followed,
                loss,
                baseLoss,
                ab[0],
                ab[1],
                draft.evaluations(),
                scale,
                lowCustomers);
    }

    private static double[] actual(List<Dim> dims, double[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = dims.get(i).value(x[i]);
        }
        return a;
    }

    /** The base rules with the fitted scoring and value, rounded to three significant digits. */
    private static ChurnRules rules(
            ChurnRules base,
            List<IncidentKind> free,
            IncidentKind reference,
            double referenceWeight,
            double[] a,
            String version) {
        Map<IncidentKind, Double> weights = new EnumMap<>(base.scoring().weights());
        weights.put(reference, referenceWeight);
        int j = 0;
        for (IncidentKind k : free) {
            weights.put(k, round(a[j++]));
        }
        var s = base.scoring();
        long halfLifeMinutes = Math.max(1, Math.round(a[j + 5] * 24 * 60));
        ChurnRules.ScoringRules scoring = new ChurnRules.ScoringRules(
                Duration.ofMinutes(halfLifeMinutes),
                weights,
                round(a[j]),
                Math.max(1.0, round(a[j + 1])),
                s.repeatWindow(),
                round(a[j + 2]),
                Math.max(1.0, round(a[j + 3])),
                Math.max(1.0, round(a[j + 4])));
        var v = base.value();
        ChurnRules.ValueRules value = new ChurnRules.ValueRules(
                v.tierMultipliers(),
                new BigDecimal(a[j + 6]).round(new MathContext(3)),
                Math.max(1.0, round(a[j + 7])),
                v.unknownCustomerMultiplier());
        return new ChurnRules(
                version,
                base.currency(),
                base.support(),
                base.complaintTrends(),
                scoring,
                value,
                base.alerts(),
                base.playbooks(),
                base.grace());
    }

    /**
     * Levels for {@code fitted}: LOW as in {@code base} (the weights were already scaled to it); each higher
     * severity at the fitted priority of the n-th training customer, n being how many reach that severity under
     * {@code base}; a severity no training customer reaches keeps its base level. Strictly increasing: where
     * fitted priorities tie at a level, the next severity goes just above it and may hold fewer customers.
     */
    Map<AlertSeverity, Double> levelsKeepingCounts(ChurnRules base, ChurnRules fitted) {
        Map<AlertSeverity, Double> baseLevels = base.alerts().levels();
        List<Double> baseMax = maxPriorities(base);
        List<Double> fittedMax = maxPriorities(fitted);
        fittedMax.sort(Comparator.reverseOrder());
        Map<AlertSeverity, Double> levels = new EnumMap<>(AlertSeverity.class);
        double previous = baseLevels.get(AlertSeverity.LOW);
        levels.put(AlertSeverity.LOW, previous);
        for (AlertSeverity severity : List.of(AlertSeverity.MEDIUM, AlertSeverity.HIGH, AlertSeverity.CRITICAL)) {
            double baseLevel = baseLevels.get(severity);
            long reaching = baseMax.stream().filter(p -> p >= baseLevel).count();
            double level = reaching == 0 || fittedMax.isEmpty()
                    ? baseLevel
                    : round(fittedMax.get((int) Math.min(reaching, fittedMax.size()) - 1));
            level = Math.max(level, round(previous * 1.01 + 0.01));
            levels.put(severity, level);
            previous = level;
        }
        return levels;
    }

    private static ChurnRules withLevels(ChurnRules r, Map<AlertSeverity, Double> levels) {
        var a = r.alerts();
        return r.withAlerts(new ChurnRules.AlertRules(a.resolveBelow(), levels, a.maxReasons(), a.reopenWithin()));
    }

    private static ChurnRules withWeights(ChurnRules r, Map<IncidentKind, Double> weights) {
        var s = r.scoring();
        return r.withScoring(new ChurnRules.ScoringRules(
                s.halfLife(),
                weights,
                s.severityPerDayLate(),
                s.maxSeverity(),
                s.repeatWindow(),
                s.repeatBoost(),
                s.maxRepeatFactor(),
                s.churnIntentMultiplier()));
    }

    static double round(double x) {
        return x == 0 ? 0 : new BigDecimal(x).round(new MathContext(3)).doubleValue();
    }

    /** The priority at each decision point, in timeline order, as the job's scorer computes it. */
    double[] priorities(ChurnRules rules) {
        double[] out = new double[decisions];
        int[] n = {0};
        simulate(rules, (step, priority) -> {
            if (step.decision) {
                out[n[0]++] = priority;
            }
        });
        return out;
    }

    /** Per customer, the highest priority reached in the training part. */
    List<Double> maxPriorities(ChurnRules rules) {
        List<Double> max = new ArrayList<>();
        for (List<Step> steps : timelines.values()) {
            double[] m = {0};
            simulate(steps, rules, (step, p) -> m[0] = Math.max(m[0], p));
            max.add(m[0]);
        }
        return max;
    }

    private interface StepSink {
        void accept(Step step, double priority);
    }

    private void simulate(ChurnRules rules, StepSink sink) {
        for (List<Step> steps : timelines.values()) {
            simulate(steps, rules, sink);
        }
    }

    private static void simulate(List<Step> steps, ChurnRules rules, StepSink sink) {
        RiskState state = new RiskState();
        ProfileSnapshot profile = null;
        for (Step step : steps) {
            if (step.profile != null) {
                profile = step.profile;
                continue;
            }
            CustomerRisk.onIncident(step.incident.getCustomerId(), state, profile, step.incident, rules, alert -> {});
            sink.accept(step, CustomerRisk.priority(state, profile, rules));
        }
    }

    double logLoss(ChurnRules rules, double a, double b) {
        double[] p = priorities(rules);
        boolean[] y = labels();
        return logLoss(p, y, a, b);
    }

    static double logLoss(double[] priorities, boolean[] labels, double a, double b) {
        double sum = 0;
        for (int i = 0; i < priorities.length; i++) {
            double z = a + b * Math.log(Math.max(priorities[i], 1e-9));
            // log(1 + e^z) without overflow
            double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            sum += labels[i] ? softplus - z : softplus;
        }
        return sum / priorities.length;
    }

    private boolean[] labels() {
        boolean[] y = new boolean[decisions];
        int n = 0;
        for (List<Step> steps : timelines.values()) {
            for (Step s : steps) {
                if (s.decision) {
                    y[n++] = s.label;
                }
            }
        }
        return y;
    }

    private double initialIntercept(ChurnRules rules, double b) {
        double[] p = priorities(rules);
        double meanLog =
                Arrays.stream(p).map(x -> Math.log(Math.max(x, 1e-9))).average().orElse(0);
        double rate = (double) followed / decisions;
        return Math.log(rate / (1 - rate)) - b * meanLog;
    }

    /** For fixed rules, the a and b of least log loss (CMA-ES again, in two dimensions). */
    private double[] bestInterceptAndSlope(ChurnRules rules, double a0, double b0) {
        double[] p = priorities(rules);
        boolean[] y = labels();
        CMAESOptimizer cmaes = new CMAESOptimizer(
                2000, 0, true, 0, 0, new MersenneTwister(1), false, new SimpleValueChecker(1e-10, 1e-12));
        PointValuePair best = cmaes.optimize(
                new MaxEval(2000),
                new ObjectiveFunction(x -> logLoss(p, y, x[0], x[1])),
                GoalType.MINIMIZE,
                new InitialGuess(new double[] {Math.max(-30, Math.min(30, a0)), Math.max(B_MIN, Math.min(B_MAX, b0))}),
                new SimpleBounds(new double[] {-30, B_MIN}, new double[] {30, B_MAX}),
                new CMAESOptimizer.Sigma(new double[] {1, 0.3}),
                new CMAESOptimizer.PopulationSize(8));
        return best.getPoint();
    }

    private static final ObjectMapper YAML = JsonMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    static String document(Fit fit, Options options) {
        String body;
        try {
            body = YAML.writeValueAsString(fit.rules());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write rules as YAML", e);
        }
        HistorySplit split = options.split();
        StringBuilder h = new StringBuilder();
        h.append(
                "# Scoring fitted by `churnwatch fit-rules` (issue #16); see docs/rules.md for what each value does.\n");
        h.append("# Trained on events up to ")
                .append(split.cut())
                .append(" (the earlier ")
                .append(Math.round(split.trainShare() * 100))
                .append(" % of the events, from ")
                .append(split.start())
                .append("), on ")
                .append(fit.decisionPoints())
                .append(" decision points (a customer's priority after an incident, at least ")
                .append(options.horizon().toDays())
                .append(" days before the cut), ")
                .append(fit.followed())
                .append(" followed by the outcome within ")
                .append(options.horizon().toDays())
                .append(" days.\n");
        h.append("# Model: P(outcome) = sigmoid(a + b ln priority), fitted by CMA-ES (Apache Commons Math, seed ")
                .append(options.seed())
                .append(String.format(
                        java.util.Locale.ROOT,
                        "); log loss %.4f (base rules: %.4f); a = %.3f, b = %.3f.%n",
                        fit.logLoss(),
                        fit.baseLogLoss(),
                        fit.intercept(),
                        fit.slope()));
        h.append("# Fitted weights: ")
                .append(fit.fittedKinds())
                .append(" (")
                .append(fit.reference())
                .append(
                        " held at its base weight while fitting); other kinds had too few incidents and keep their base weight.\n");
        h.append(String.format(
                java.util.Locale.ROOT,
                "# Then every weight was multiplied by %.4f so that as many training customers reach LOW as under the base rules (%d).%n",
                fit.scale(),
                fit.lowCustomers()));
        h.append(
                "# The levels above LOW were then set where as many training customers reach each severity as under the base\n");
        h.append("# rules, so severity follows the fitted order: ")
                .append(fit.rules().alerts().levels().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", ")))
                .append(".\n");
        h.append(
                "# Fitted too: severityPerDayLate, maxSeverity, repeatBoost, maxRepeatFactor, churnIntentMultiplier, halfLife,\n");
        h.append("# value.referenceValue, value.maxValueFactor. Everything else is copied from the base rules.\n");
        return h + body;
    }
}
