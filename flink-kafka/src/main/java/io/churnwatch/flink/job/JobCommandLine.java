package io.churnwatch.flink.job;

import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs a job's picocli command from its {@code main}, which does not always run in a JVM of its
 * own. Over REST ({@code /jars/:id/run}, {@code /jars/:id/plan}) and in application mode the main
 * runs inside the JobManager, and under {@code flink run} inside the client: a {@code System.exit}
 * there takes the whole cluster (or the client) down instead of failing one submission. So inside
 * Flink a bad argument is thrown, with the usage message, and Flink returns it as the REST call's
 * (or the CLI's) error; only a main started on a plain command line exits with a status.
 *
 * <p>Inside Flink is told by the context environment: the client, the JobManager's REST handlers
 * and the test MiniCluster install one before they call main, and
 * {@link StreamExecutionEnvironment#areExplicitEnvironmentsAllowed()} is true only without it.
 *
 * <p>Both jobs' mains ({@code ChurnJobMain}, {@code NotifyJob}) run through it.
 */
public final class JobCommandLine {

    /** Picocli's status for a usage error; 1 is for a failure of the job itself. */
    public static final int USAGE_ERROR = 2;

    private JobCommandLine() {}

    /**
     * The body of a job's {@code main}: parses {@code args} and runs the command, or prints help
     * if asked. On a plain command line a bad argument prints the usage and exits with
     * {@value #USAGE_ERROR}, a failure prints its stack trace and exits with 1; inside Flink both
     * are thrown.
     */
    public static void main(CommandLine commandLine, String[] args) throws Exception {
        try {
            int status = run(commandLine, args);
            if (status != 0) {
                throw new IllegalStateException(
                        commandLine.getCommandName() + " ended with status " + status + " without an exception");
            }
        } catch (UsageException e) {
            if (!StreamExecutionEnvironment.areExplicitEnvironmentsAllowed()) {
                throw e;
            }
            System.err.println(e.getMessage());
            System.exit(USAGE_ERROR);
        } catch (Exception | Error e) {
            if (!StreamExecutionEnvironment.areExplicitEnvironmentsAllowed()) {
                throw e;
            }
            e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * Parses {@code args} and calls the command, or prints the help or version it asks for and
     * returns 0. Never exits the JVM.
     *
     * @throws UsageException if the arguments do not parse (an unknown or missing option, a value
     *     of the wrong type), with picocli's message and the usage
     */
    public static int run(CommandLine commandLine, String... args) throws Exception {
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (ParameterException e) {
            throw new UsageException(e);
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        Callable<Integer> command = commandLine.getCommand();
        Integer status = command.call();
        return status == null ? 0 : status;
    }

    /** Arguments that do not parse; the message ends with the command's usage. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(ParameterException cause) {
            // Ansi.OFF: the message may end up in a REST response or a log, not on a terminal.
            super(
                    cause.getMessage()
                            + System.lineSeparator()
                            + cause.getCommandLine().getUsageMessage(Ansi.OFF),
                    cause);
        }
    }
}
