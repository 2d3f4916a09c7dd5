package io.churnwatch.jobs.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.AlertSeverity;
import io.churnwatch.jobs.rules.ChurnRules.AlertRules;
import io.churnwatch.jobs.rules.RulesParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertLifecycleTest {

    private static final AlertRules RULES = RulesParser.defaults().alerts(); // resolve 15, LOW 25 ... CRITICAL 150

    @ParameterizedTest(name = "firing {0} at {1}, priority {2} -> {3}")
    @CsvSource({
        "false, , 24.9, NONE",
        "false, , 25, FIRE",
        "false, , 200, FIRE",
        "true, LOW, 20, NONE", // hysteresis: below LOW but above resolveBelow stays firing
        "true, LOW, 15, NONE",
        "true, LOW, 14.99, RESOLVE",
        "true, LOW, 50, ESCALATE",
        "true, HIGH, 60, NONE", // decaying does not de-escalate within an episode
        "true, HIGH, 150, ESCALATE"
    })
    void firesEscalatesAndResolvesWithHysteresis(
            boolean firing, AlertSeverity current, double priority, AlertLifecycle.Change expected) {
        assertThat(AlertLifecycle.decide(firing, current, priority, RULES)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"25, LOW", "49.9, LOW", "50, MEDIUM", "90, HIGH", "150, CRITICAL", "1000, CRITICAL"})
    void mapsPriorityToTheHighestSeverityReached(double priority, AlertSeverity expected) {
        assertThat(RULES.severityFor(priority)).isEqualTo(expected);
    }
}
