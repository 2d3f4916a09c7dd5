package io.churnwatch.cli.console;

import io.churnwatch.cli.UntilShutdown;
import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.console.Console;
import io.churnwatch.console.ConsoleSettings;
import io.churnwatch.console.UsersFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Serves the retention console and its JSON API from this process, against the Kafka and
 * Elasticsearch the jobs use (the same {@code CHURNWATCH_KAFKA_*} / {@code CHURNWATCH_ES_*}
 * settings), until Ctrl-C.
 */
@Command(
        name = "console",
        mixinStandardHelpOptions = true,
        subcommands = {UsersCommand.class},
        description = {
            "Serve the retention console (worklist, customer pages, actions, silences, complaints, charts) and",
            "its API.",
            "",
            "Reads churn-alerts, churn-incidents, churn-complaint-days and churn-notifications, writes",
            "churn-actions (Kafka and Elasticsearch) and churn-silences; connects with the CHURNWATCH_KAFKA_*",
            "and CHURNWATCH_ES_* settings, like the jobs. Users come from --users-file (see 'console users",
            "add') or, only with --trust-proxy-header, from a reverse proxy. Prints its URL, then runs until",
            "Ctrl-C."
        })
public final class ConsoleCommand implements Callable<Integer> {

    @Option(
            names = "--bootstrap-servers",
            description = "Kafka bootstrap servers (default: CHURNWATCH_KAFKA_BOOTSTRAP).")
    String bootstrapServers;

    @Option(names = "--elasticsearch", description = "Elasticsearch URL(s) (default: CHURNWATCH_ES_URL).")
    String elasticsearch;

    @Option(
            names = "--users-file",
            defaultValue = "${env:CHURNWATCH_CONSOLE_USERS_FILE}",
            description =
                    "Users, roles and bcrypt hashes, one 'name:role:hash' a line (default: CHURNWATCH_CONSOLE_USERS_FILE).")
    Path usersFile;

    @Option(
            names = "--trust-proxy-header",
            paramLabel = "HEADER",
            description = "Take the user name from this header set by an authenticating reverse proxy (e.g."
                    + " X-Forwarded-User); roles still come from --users-file (unlisted: viewer). Only when"
                    + " nothing but that proxy can reach the console.")
    String trustedHeader;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--secure-cookies",
            description = "Mark the session cookie Secure (users reach the console over https).")
    boolean secureCookies;

    @Option(
            names = "--follow-up-after",
            paramLabel = "DURATION",
            defaultValue = "${env:CHURNWATCH_CONSOLE_FOLLOW_UP_AFTER:-P30D}",
            description = "How long after a customer left respectfully the stay-in-touch follow-up comes back on"
                    + " the worklist, ISO-8601 (default: CHURNWATCH_CONSOLE_FOLLOW_UP_AFTER, else ${DEFAULT-VALUE}).")
    Duration followUpAfter;

    @Option(names = "--exit-when-ready", hidden = true, description = "Start, print the URL, stop (a smoke test).")
    boolean exitWhenReady;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (usersFile == null && trustedHeader == null) {
            throw new IllegalArgumentException(
                    "no users: pass --users-file (make one with 'churnwatch console users add') or --trust-proxy-header");
        }
        UsersFile users = usersFile == null ? UsersFile.empty() : UsersFile.load(usersFile);
        KafkaConnection kafka = KafkaConnection.fromEnvironment(bootstrapServers);
        ElasticsearchConnection es = ElasticsearchConnection.fromEnvironment(elasticsearch);
        ConsoleSettings settings = new ConsoleSettings(
                kafka,
                es,
                users,
                trustedHeader,
                host,
                port,
                secureCookies,
                "churnwatch-console",
                Clock.systemUTC(),
                followUpAfter);
        try (UntilShutdown shutdown = UntilShutdown.install()) {
            try (Console console = Console.start(settings)) {
                out.println("Retention console: " + console.url());
                out.println("  Elasticsearch " + es.httpUrl() + ", Kafka " + kafka.bootstrapServers() + ", "
                        + (trustedHeader != null
                                ? "users from the " + trustedHeader + " header"
                                : users.size() + " users"));
                if (!exitWhenReady) {
                    out.println("Press Ctrl-C to stop.");
                    shutdown.await();
                }
                out.println("Stopping ...");
            }
        }
        return 0;
    }
}
