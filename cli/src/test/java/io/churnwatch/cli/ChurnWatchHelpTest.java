package io.churnwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ChurnWatchHelpTest {

    @Test
    void helpListsEverySubcommandWithWhatItDoes() {
        CommandLine cli = ChurnWatch.commandLine();
        String help = cli.getUsageMessage();

        assertThat(cli.getSubcommands().keySet()).contains("stack", "generate", "replay");
        for (String name : cli.getSubcommands().keySet()) {
            if (!name.equals("help")) {
                assertThat(help).contains(name);
                assertThat(cli.getSubcommands()
                                .get(name)
                                .getCommandSpec()
                                .usageMessage()
                                .description())
                        .as("description of %s", name)
                        .isNotEmpty();
            }
        }
    }

    @Test
    void aMissingRequiredOptionIsNamedAndExitsWithAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = ChurnWatch.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("replay", "--output", "out");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--input");
    }
}
