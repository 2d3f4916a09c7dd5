package io.churnwatch.cli.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.cli.ChurnWatch;
import io.churnwatch.console.Role;
import io.churnwatch.console.UsersFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConsoleCommandTest {

    @Test
    void usersAddWritesAUserWhoCanLogIn(@TempDir Path dir) {
        Path file = dir.resolve("users.txt");

        int exit = withStdin(
                "a long enough password\n",
                () -> ChurnWatch.commandLine()
                        .execute(
                                "console",
                                "users",
                                "add",
                                "--file",
                                file.toString(),
                                "--name",
                                "maria",
                                "--role",
                                "agent",
                                "--password-stdin"));

        assertThat(exit).isZero();
        assertThat(UsersFile.load(file).authenticate("maria", "a long enough password".toCharArray()))
                .contains(new UsersFile.User("maria", Role.AGENT));
    }

    @Test
    void theConsoleRefusesToStartWithoutUsers() {
        StringWriter err = new StringWriter();
        CommandLine cli = ChurnWatch.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit =
                cli.execute("console", "--bootstrap-servers", "127.0.0.1:9", "--elasticsearch", "http://127.0.0.1:9");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("no users: pass --users-file");
    }

    @Test
    void theStayInTouchFollowUpIsAnIsoDurationOfThirtyDaysUnlessSet() {
        ConsoleCommand fortnight = new ConsoleCommand();
        new CommandLine(fortnight).parseArgs("--follow-up-after", "P14D");
        ConsoleCommand unset = new ConsoleCommand();
        new CommandLine(unset).parseArgs();

        assertThat(fortnight.followUpAfter).isEqualTo(Duration.ofDays(14));
        if (System.getenv("CHURNWATCH_CONSOLE_FOLLOW_UP_AFTER") == null) {
            assertThat(unset.followUpAfter).isEqualTo(Duration.ofDays(30));
        }
        assertThatThrownBy(() -> new CommandLine(new ConsoleCommand()).parseArgs("--follow-up-after", "30 days"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--follow-up-after");
    }

    private static int withStdin(String text, java.util.function.IntSupplier run) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return run.getAsInt();
        } finally {
            System.setIn(before);
        }
    }
}
