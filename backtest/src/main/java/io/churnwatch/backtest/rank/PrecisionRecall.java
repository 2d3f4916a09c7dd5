package io.churnwatch.backtest.rank;

import io.churnwatch.backtest.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ranking of customers scored against outcomes on the held-out part of the history, by threshold.
 *
 * <p>Only signals after the cut count. At threshold {@code t}, the list holds every customer with a
 * signal scored {@code t} or more; a listed customer is <b>foreseen</b> when one of those signals was
 * followed by an outcome of the customer strictly after it and within the horizon, and the outcome does
 * not rest on one of the signal's refs. Then:
 *
 * <ul>
 *   <li><b>precision</b> = foreseen / listed customers;
 *   <li><b>recall</b> = foreseen / <i>positives</i>, every customer with an outcome after the cut, listed
 *       or not. The denominator is the same for every ranking on the same history, so a list that never
 *       reaches a customer pays for it in recall;
 *   <li><b>average precision</b> (the area under the step curve) = the sum over thresholds, from the
 *       highest down, of precision times the recall gained there. A list that stops at 50 % recall can
 *       score at most 0.5.
 * </ul>
 *
 * Lowering the threshold only adds signals, so both the list and its foreseen customers only grow: each
 * customer is summed up by two numbers, the highest score it reached and the highest score among its
 * followed signals, and the curve is a sort of those.
 */
public final class PrecisionRecall {

    /** The list at one threshold. */
    public record Point(double threshold, int customers, int foreseen, int positives) {
        public double precision() {
            return customers == 0 ? Double.NaN : (double) foreseen / customers;
        }

        public double recall() {
            return positives == 0 ? Double.NaN : (double) foreseen / positives;
        }
    }

    /** The first {@code k} customers of the list (fewer when the list is shorter). */
    public record TopK(int k, int customers, int foreseen) {
        public double precision() {
            return customers == 0 ? Double.NaN : (double) foreseen / customers;
        }
    }

    /** One customer: the highest score it reached, and the highest among signals an outcome followed. */
    record Customer(String id, double top, double foreseenAt) {}

    private final String name;
    private final List<Customer> ranked;
    private final List<Point> points;
    private final int positives;

    private PrecisionRecall(String name, List<Customer> ranked, List<Point> points, int positives) {
        this.name = name;
        this.ranked = ranked;
        this.points = points;
        this.positives = positives;
    }

    /**
     * @param outcomes outcomes of the one kind scored against (other kinds must be left out)
     */
    public static PrecisionRecall of(
            String name, List<Signal> signals, List<Outcome> outcomes, HistorySplit split, Duration horizon) {
        Map<String, List<Outcome>> byCustomer = new HashMap<>();
        Set<String> positive = new HashSet<>();
        for (Outcome o : outcomes) {
            byCustomer.computeIfAbsent(o.customerId(), k -> new ArrayList<>()).add(o);
            if (split.heldOut(o.at())) {
                positive.add(o.customerId());
            }
        }
        Map<String, double[]> summary = new HashMap<>();
        for (Signal s : signals) {
            if (!split.heldOut(s.at())) {
                continue;
            }
            double[] c = summary.computeIfAbsent(
                    s.customerId(), k -> new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY});
            c[0] = Math.max(c[0], s.score());
            if (s.score() > c[1] && followed(s, byCustomer.getOrDefault(s.customerId(), List.of()), horizon)) {
                c[1] = s.score();
            }
        }
        List<Customer> ranked = new ArrayList<>();
        summary.forEach((id, c) -> ranked.add(new Customer(id, c[0], c[1])));
        ranked.sort(Comparator.comparingDouble(Customer::top).reversed().thenComparing(Customer::id));
        List<Double> tops = ranked.stream().map(Customer::top).toList();
        List<Double> foreseenAt = ranked.stream()
                .map(Customer::foreseenAt)
                .filter(v -> v > Double.NEGATIVE_INFINITY)
                .sorted(Comparator.reverseOrder())
                .toList();
        // A threshold changes the list where a customer's top score is, and its foreseen customers where a
        // followed signal's score is: the curve has a point at each.
        java.util.TreeSet<Double> thresholds = new java.util.TreeSet<>(Comparator.reverseOrder());
        thresholds.addAll(tops);
        thresholds.addAll(foreseenAt);
        List<Point> points = new ArrayList<>();
        int n = 0;
        int f = 0;
        for (double t : thresholds) {
            while (n < tops.size() && tops.get(n) >= t) {
                n++;
            }
            while (f < foreseenAt.size() && foreseenAt.get(f) >= t) {
                f++;
            }
            points.add(new Point(t, n, f, positive.size()));
        }
        return new PrecisionRecall(name, List.copyOf(ranked), List.copyOf(points), positive.size());
    }

    static boolean followed(Signal s, List<Outcome> outcomes, Duration horizon) {
        for (Outcome o : outcomes) {
            if (o.at().isAfter(s.at())
                    && !o.at().isAfter(s.at().plus(horizon))
                    && o.refs().stream().noneMatch(s.refs()::contains)) {
                return true;
            }
        }
        return false;
    }

    public String name() {
        return name;
    }

    /** From the highest threshold down: one point per distinct score. */
    public List<Point> points() {
        return points;
    }

    public int positives() {
        return positives;
    }

    /** Customers on the list at its lowest threshold. */
    public int customers() {
        return ranked.size();
    }

    /** The whole list: its lowest threshold; a one-point curve for a yes/no rule. */
    public Point all() {
        return points.isEmpty() ? new Point(Double.NaN, 0, 0, positives) : points.get(points.size() - 1);
    }

    /** The point at {@code threshold}: every customer that reached it. */
    public Point at(double threshold) {
        Point best = new Point(threshold, 0, 0, positives);
        for (Point p : points) {
            if (p.threshold() >= threshold) {
                best = p;
            }
        }
        return best;
    }

    /**
     * The first {@code k} customers by highest score (ties by customer id), each foreseen when a signal of
     * it at the k-th customer's score or above was followed.
     */
    public TopK top(int k) {
        int n = Math.min(k, ranked.size());
        if (n == 0) {
            return new TopK(k, 0, 0);
        }
        double t = ranked.get(n - 1).top();
        int foreseen = 0;
        for (int i = 0; i < n; i++) {
            if (ranked.get(i).foreseenAt() >= t) {
                foreseen++;
            }
        }
        return new TopK(k, n, foreseen);
    }

    /** The area under the step curve: precision times the recall gained at each threshold. */
    public double averagePrecision() {
        if (positives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        double recall = 0;
        for (Point p : points) {
            ap += p.precision() * (p.recall() - recall);
            recall = p.recall();
        }
        return ap;
    }

    /**
     * The best precision the list has at {@code recall} or beyond (the interpolated precision of
     * information retrieval); NaN when the list never reaches that recall.
     */
    public double interpolatedPrecisionAt(double recall) {
        double best = Double.NaN;
        for (Point p : points) {
            if (p.recall() >= recall && !(p.precision() <= best)) {
                best = p.precision();
            }
        }
        return best;
    }

    /** The precision where the list, worked from the top, first reaches {@code recall}; NaN if never. */
    public double precisionWhereRecallReaches(double recall) {
        for (Point p : points) {
            if (p.recall() >= recall) {
                return p.precision();
            }
        }
        return Double.NaN;
    }

    /** The lowest precision of the list at any threshold whose recall is at most {@code recall}. */
    public double lowestPrecisionUpTo(double recall) {
        double low = Double.NaN;
        for (Point p : points) {
            if (p.recall() <= recall && !(p.precision() >= low)) {
                low = p.precision();
            }
        }
        return low;
    }

    /**
     * True when, at every recall the yes/no {@code rule} reaches, this list is more precise than it: its
     * interpolated precision at the rule's recall is above the rule's precision. (Interpolated precision
     * never rises with recall, so that one point decides every recall up to it.)
     */
    public boolean beatsAtEveryRecallOf(Point rule) {
        double p = interpolatedPrecisionAt(rule.recall());
        return !Double.isNaN(p) && p > rule.precision();
    }
}
