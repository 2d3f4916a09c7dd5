package io.churnwatch.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.IncidentKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A tiny recorded history and its outcomes, replayed with two rules files and scored by hand. */
class RulesBacktestIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    private static final Path RECORDING = Path.of("src/test/resources/tiny/recording.jsonl");
    private static final Path OUTCOMES = Path.of("src/test/resources/tiny/outcomes.jsonl");
    private static final Path SENSITIVE_RULES = Path.of("../docs/olist/rules-sensitive.yaml");

    @TempDir
    Path dir;

    @Test
    void scoresTheChurnIntentAlertAgainstTheReviewsThatFollowedItUnderBothRulesFiles() throws Exception {
        List<Outcome> outcomes = Outcomes.read(OUTCOMES);

        RulesBacktest.Run defaults =
                RulesBacktest.run(RECORDING, outcomes, null, Outcome.BAD_REVIEW, Duration.ofDays(30), 2, dir, s -> {});
        RulesBacktest.Run sensitive = RulesBacktest.run(
                RECORDING, outcomes, SENSITIVE_RULES, Outcome.BAD_REVIEW, Duration.ofDays(30), 2, dir, s -> {});

        for (RulesBacktest.Run run : List.of(defaults, sensitive)) {
            // One alert (c-1's cancellation), followed by c-1's second review; c-2's review had no alert before it.
            assertThat(run.result().any()).as(run.rulesName()).isEqualTo(new Backtest.Score("any alert", 1, 1, 3, 1));
            assertThat(run.result().byRule())
                    .extracting(Backtest.Score::name)
                    .containsExactly(IncidentKind.CHURN_INTENT.name());
        }
        assertThat(sensitive.result().bySeverity().get(1).alerts())
                .as("lower levels reach MEDIUM at least as often")
                .isGreaterThanOrEqualTo(defaults.result().bySeverity().get(1).alerts());
        assertThat(sensitive.rulesName()).isEqualTo("rules-sensitive.yaml");
    }
}
