package io.churnwatch.alerting.inhibit;

import io.churnwatch.alerting.Muter;
import io.churnwatch.alerting.route.AlertLabels;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Applies inhibition rules against the alerts firing right now. */
public final class Inhibitor {
    private final List<InhibitRule> rules;

    public Inhibitor(List<InhibitRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * A Muter over this snapshot of firing alerts. An alert never inhibits itself, otherwise a rule
     * whose source and target overlap would silence its own source.
     */
    public Muter given(Collection<Map<String, String>> firing) {
        return target -> {
            for (InhibitRule rule : rules) {
                for (Map<String, String> source : firing) {
                    if (!Objects.equals(source.get(AlertLabels.ALERT_ID), target.get(AlertLabels.ALERT_ID))
                            && rule.inhibits(source, target)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }
}
