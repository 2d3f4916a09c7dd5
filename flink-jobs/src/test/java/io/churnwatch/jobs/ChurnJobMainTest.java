package io.churnwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.flink.job.JobCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.client.program.StreamPlanEnvironment;
import org.apache.flink.configuration.Configuration;
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
        insideFlink(() -> assertThatThrownBy(() -> ChurnJobMain.main(new String[] {"--no-such-option"}))
                .isInstanceOf(JobCommandLine.UsageException.class)
                .hasMessageStartingWith("Unknown option: '--no-such-option'")
                .hasMessageContaining("Usage: churnwatch-detection")
                .hasMessageContaining("--bootstrap-servers"));
    }

    @Test
    void insideFlinkAValueOfTheWrongTypeIsThrownWithTheUsage() {
        insideFlink(() -> assertThatThrownBy(() -> ChurnJobMain.main(new String[] {"--checkpoint-interval", "often"}))
                .isInstanceOf(JobCommandLine.UsageException.class)
                .hasMessageContaining("--checkpoint-interval")
                .hasMessageContaining("often")
                .hasMessageContaining("Usage: churnwatch-detection"));
    }

    @Test
    void helpIsPrintedAndSubmitsNothing() {
        String out = stdout(() -> insideFlink(() -> ChurnJobMain.main(new String[] {"--help"})));

        assertThat(out).contains("Usage: churnwatch-detection").contains("--elasticsearch");
    }

    @Test
    void aBadArgumentNeverReachesTheJob() {
        assertThatThrownBy(() -> JobCommandLine.run(ChurnJobMain.commandLine(), "--mode", "SOMETIMES"))
                .isInstanceOf(JobCommandLine.UsageException.class)
                .hasMessageContaining("--mode")
                .hasMessageContaining("LIVE, REPLAY");
    }

    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} the way Flink's client and JobManager run a job's main: with a context
     * environment installed (here the one the JobManager's {@code /jars/:id/plan} handler uses).
     */
    static void insideFlink(Body body) {
        StreamPlanEnvironment flink =
                new StreamPlanEnvironment(new Configuration(), ChurnJobMainTest.class.getClassLoader(), 1);
        flink.setAsContext();
        try {
            body.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            flink.unsetAsContext();
        }
    }

    private static String stdout(Runnable body) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
