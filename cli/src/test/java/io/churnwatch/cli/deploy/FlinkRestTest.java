package io.churnwatch.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlinkRestTest {

    @Test
    void aFailedRunReadsAsItsRootCauseNotTheJobManagersStackTrace() {
        String error = String.join(
                "\n",
                "org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.",
                "\tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.lambda$handleRequest$1(JarRunHandler.java:114)",
                "Caused by: org.apache.flink.util.FlinkRuntimeException: Could not execute application.",
                "\t... 1 more",
                "Caused by: io.churnwatch.flink.job.JobCommandLine$UsageException: Unknown option: '--nope'",
                "Usage: churnwatch-detection [-hV] [--bootstrap-servers=<bootstrapServers>]",
                "\tat io.churnwatch.flink.job.JobCommandLine.run(JobCommandLine.java:71)",
                "\t... 12 more");

        assertThat(FlinkRest.rootCause(error))
                .isEqualTo("io.churnwatch.flink.job.JobCommandLine$UsageException: Unknown option: '--nope'\n"
                        + "Usage: churnwatch-detection [-hV] [--bootstrap-servers=<bootstrapServers>]");
    }

    @Test
    void anErrorWithoutCauseIsKeptWhole() {
        assertThat(FlinkRest.rootCause("Jar file not found")).isEqualTo("Jar file not found");
    }
}
