package io.churnwatch.notifyjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.flink.job.InsideFlink;
import io.churnwatch.flink.job.JobCommandLine;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NotifyJobMainTest {

    /** Over REST the main runs in the JobManager: an exit there would stop the whole cluster. */
    @Test
    void insideFlinkAMissingRoutingFileIsThrownWithTheUsageInsteadOfExiting() {
        InsideFlink.run(() -> assertThatThrownBy(
                        () -> NotifyJob.main(new String[] {"--bootstrap-servers", "kafka:9092"}))
                .isInstanceOf(JobCommandLine.UsageException.class)
                .hasMessageStartingWith("Missing required option: '--routing-file=<routingFile>'")
                .hasMessageContaining("Usage: churnwatch-notify"));
    }

    @Test
    void insideFlinkAnUnknownOptionIsThrownWithTheUsage() {
        InsideFlink.run(() -> assertThatThrownBy(
                        () -> NotifyJob.main(new String[] {"--routing-file", "r.yml", "--nope"}))
                .isInstanceOf(JobCommandLine.UsageException.class)
                .hasMessageStartingWith("Unknown option: '--nope'")
                .hasMessageContaining("Usage: churnwatch-notify"));
    }

    @Test
    void helpIsPrintedWithoutTheRequiredOptionsAndSubmitsNothing() {
        String out = InsideFlink.stdout(() -> InsideFlink.run(() -> NotifyJob.main(new String[] {"--help"})));

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
}
