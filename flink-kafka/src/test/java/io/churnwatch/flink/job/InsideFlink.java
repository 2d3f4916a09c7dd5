package io.churnwatch.flink.job;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.client.program.StreamPlanEnvironment;
import org.apache.flink.configuration.Configuration;

/** Runs a job's main the way Flink runs it, for both jobs' main tests. */
public final class InsideFlink {

    private InsideFlink() {}

    /** A main, or part of one, that may throw. */
    public interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} the way Flink's client and JobManager run a job's main: with a context
     * environment installed (here the one the JobManager's {@code /jars/:id/plan} handler uses).
     */
    public static void run(Body body) {
        StreamPlanEnvironment flink =
                new StreamPlanEnvironment(new Configuration(), InsideFlink.class.getClassLoader(), 1);
        flink.setAsContext();
        try {
            body.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            flink.unsetAsContext();
        }
    }

    /** What {@code body} printed to standard output. */
    public static String stdout(Runnable body) {
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
