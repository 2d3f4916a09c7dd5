package io.churnwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code churnwatch} command. Each capability is a subcommand in its own class; this class
 * only assembles them, so adding one is a one-line change here.
 */
@Command(
        name = "churnwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Streaming churn alerts from broken promises and missed deadlines.",
            "",
            "Run 'churnwatch <command> --help' for the options of a command."
        },
        subcommands = {CommandLine.HelpCommand.class})
public final class ChurnWatch implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No subcommand: show what there is rather than failing silently.
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with every subcommand registered. Tests use this too. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ChurnWatch());
        for (Object sub : Subcommands.all()) {
            cli.addSubcommand(sub);
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // A misconfiguration or a refused deployment is said in one message, not a stack trace.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof io.churnwatch.cli.deploy.FlinkRestException || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("churnwatch " + commandLine.getCommandName() + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
