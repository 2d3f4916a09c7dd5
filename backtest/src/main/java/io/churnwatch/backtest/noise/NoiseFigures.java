package io.churnwatch.backtest.noise;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much a retention team hears from ChurnWatch over a stretch of (event) time: alert episodes
 * per 1,000 customers per week, the share of customers alerted, notifications per episode on each
 * channel, and re-fires (an episode of a customer whose previous one resolved less than a week
 * earlier: flapping).
 *
 * @param customers the customers of the shop in the stretch, alerted or not
 * @param notificationsByChannel messages people got, by channel (e.g. chat, email, pager, webhook)
 */
public record NoiseFigures(
        int customers,
        Duration span,
        int episodes,
        int customersAlerted,
        int refires,
        Map<String, Long> notificationsByChannel) {

    /** A re-fire closer than this to the customer's previous resolve is flapping. */
    public static final Duration REFIRE_WINDOW = Duration.ofDays(7);

    private static final double WEEK_MILLIS = Duration.ofDays(7).toMillis();

    public static NoiseFigures measure(
            List<AlertSpan> spans, int customers, Instant from, Instant to, Map<String, Long> notificationsByChannel) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the stretch measured must not be empty: " + from + " to " + to);
        }
        Map<String, List<AlertSpan>> byCustomer = new HashMap<>();
        for (AlertSpan s : spans) {
            byCustomer.computeIfAbsent(s.customerId(), k -> new ArrayList<>()).add(s);
        }
        int refires = 0;
        for (List<AlertSpan> own : byCustomer.values()) {
            own.sort(Comparator.comparing(AlertSpan::firedAt));
            for (int i = 1; i < own.size(); i++) {
                Instant previousResolve = own.get(i - 1).resolvedAt();
                if (previousResolve != null && !own.get(i).firedAt().isAfter(previousResolve.plus(REFIRE_WINDOW))) {
                    refires++;
                }
            }
        }
        return new NoiseFigures(
                customers,
                Duration.between(from, to),
                spans.size(),
                byCustomer.size(),
                refires,
                new LinkedHashMap<>(notificationsByChannel));
    }

    public double weeks() {
        return span.toMillis() / WEEK_MILLIS;
    }

    /** Alert episodes per 1,000 customers per week. */
    public double alertsPerThousandCustomersPerWeek() {
        return customers == 0 ? 0 : episodes / (customers / 1000.0) / weeks();
    }

    public double shareOfCustomersAlerted() {
        return customers == 0 ? 0 : (double) customersAlerted / customers;
    }

    /** Re-fires within {@link #REFIRE_WINDOW} of the same customer's previous resolve, as a share of episodes. */
    public double refireShare() {
        return episodes == 0 ? 0 : (double) refires / episodes;
    }

    /** Messages per alert episode on each channel. */
    public Map<String, Double> notificationsPerAlert() {
        Map<String, Double> per = new LinkedHashMap<>();
        notificationsByChannel.forEach((channel, n) -> per.put(channel, episodes == 0 ? 0 : (double) n / episodes));
        return per;
    }
}
