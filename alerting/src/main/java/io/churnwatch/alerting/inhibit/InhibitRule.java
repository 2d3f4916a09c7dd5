package io.churnwatch.alerting.inhibit;

import io.churnwatch.alerting.route.Matcher;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mutes alerts matching {@code targetMatchers} while an alert matching {@code sourceMatchers} fires
 * with the same values for every {@code equal} label: a CRITICAL page for a customer makes their
 * MEDIUM and LOW alerts noise.
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {

    public InhibitRule {
        sourceMatchers = List.copyOf(sourceMatchers);
        targetMatchers = List.copyOf(targetMatchers);
        equal = List.copyOf(equal);
    }

    boolean inhibits(Map<String, String> source, Map<String, String> target) {
        if (!Matcher.all(targetMatchers, target) || !Matcher.all(sourceMatchers, source)) {
            return false;
        }
        for (String name : equal) {
            if (!Objects.equals(source.get(name), target.get(name))) {
                return false;
            }
        }
        return true;
    }
}
