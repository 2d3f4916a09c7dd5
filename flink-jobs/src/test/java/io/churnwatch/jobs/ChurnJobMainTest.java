package io.churnwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.flink.job.InsideFlink;
import io.churnwatch.flink.job.JobCommandLine;
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

    /** Over REST the main runs in the JobManager: an exit there would stop the whole cluster. */
    @Test
    void insideFlinkAnUnknownOptionIsThrownWithTheUsageInsteadOfExiting() {
        InsideFlink.run(() -> assertThatThrownBy(() -> ChurnJobMain.main(new String[] {"--no-such-option"}))
                .isInstanceOf(JobCommandLine.UsageException.class)
                .hasMessageStartingWith("Unknown option: '--no-such-option'")
                .hasMessageContaining("Usage: churnwatch-detection")
                .hasMessageContaining("--bootstrap-servers"));
    }

    @Test
    void insideFlinkAValueOfTheWrongTypeIsThrownWithTheUsage() {
        InsideFlink.run(() -> assertThatThrownBy(
                        () -> ChurnJobMain.main(new String[] {"--checkpoint-interval", "often"}))
                .isInstanceOf(JobCommandLine.UsageException.class)
                .hasMessageContaining("--checkpoint-interval")
                .hasMessageContaining("often")
                .hasMessageContaining("Usage: churnwatch-detection"));
    }

    @Test
    void helpIsPrintedAndSubmitsNothing() {
        String out = InsideFlink.stdout(() -> InsideFlink.run(() -> ChurnJobMain.main(new String[] {"--help"})));

        assertThat(out).contains("Usage: churnwatch-detection").contains("--elasticsearch");
    }

    @Test
    void aBadArgumentNeverReachesTheJob() {
        assertThatThrownBy(() -> JobCommandLine.run(ChurnJobMain.commandLine(), "--mode", "SOMETIMES"))
                .isInstanceOf(JobCommandLine.UsageException.class)
                .hasMessageContaining("--mode")
                .hasMessageContaining("LIVE, REPLAY");
    }
}
