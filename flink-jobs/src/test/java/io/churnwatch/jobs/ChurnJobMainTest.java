package io.churnwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ChurnJobMainTest {

    @Test
    void alertFreshnessDefaultsToTheDocumentedIntervals() {
        ChurnJobMain main = new ChurnJobMain();
        new CommandLine(main).parseArgs();

        assertThat(new AlertSearchFreshness(main.esAlertFlushInterval, main.esAlertRefreshInterval))
                .isEqualTo(AlertSearchFreshness.defaults());
    }

    @Test
    void takesTheAlertFlushAndRefreshIntervalsFromTheCommandLine() {
        ChurnJobMain main = new ChurnJobMain();
        new CommandLine(main).parseArgs("--es-alert-flush-interval", "PT0.05S", "--es-alert-refresh-interval", "PT1S");

        assertThat(main.esAlertFlushInterval).isEqualTo(Duration.ofMillis(50));
        assertThat(main.esAlertRefreshInterval).isEqualTo(Duration.ofSeconds(1));
    }
}
