package io.churnwatch.notifyjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.flink.job.JobCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.client.program.StreamPlanEnvironment;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NotifyJobMainTest {

    /** Over REST the main runs in the JobManager: an exit there would stop the whole cluster. */
    @Test
    void insideFlinkAMissingRoutingFileIsThrownWithTheUsageInsteadOfExiting() {
        insideFlink(() -> assertThatThrownBy(() -> NotifyJob.main(new String[] {"--bootstrap-servers", "kafka:9092"}))
                .isInstanceOf(JobCommandLine.UsageException.class)
                .hasMessageStartingWith("Missing required option: '--routing-file=<routingFile>'")
                .hasMessageContaining("Usage: churnwatch-notify"));
    }

    @Test
    void insideFlinkAnUnknownOptionIsThrownWithTheUsage() {
        insideFlink(() -> assertThatThrownBy(() -> NotifyJob.main(new String[] {"--routing-file", "r.yml", "--nope"}))
                .isInstanceOf(JobCommandLine.UsageException.class)
                .hasMessageStartingWith("Unknown option: '--nope'")
                .hasMessageContaining("Usage: churnwatch-notify"));
    }

    @Test
    void helpIsPrintedWithoutTheRequiredOptionsAndSubmitsNothing() {
        String out = stdout(() -> insideFlink(() -> NotifyJob.main(new String[] {"--help"})));

        assertThat(out).contains("Usage: churnwatch-notify").contains("--routing-file");
    }

    @Test
    void aBadArgumentNeverReachesTheJob() {
        assertThatThrownBy(() -> JobCommandLine.run(
                        new CommandLine(new NotifyJob()), "--routing-file", "r.yml", "--parallelism", "many"))
                .isInstanceOf(JobCommandLine.UsageException.class)
                .hasMessageContaining("--parallelism")
                .hasMessageContaining("many");
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
                new StreamPlanEnvironment(new Configuration(), NotifyJobMainTest.class.getClassLoader(), 1);
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
