package io.churnwatch.cli;

import java.util.List;

/** Every subcommand of {@code churnwatch}, in the order {@code --help} lists them. */
final class Subcommands {
    private Subcommands() {}

    static List<Object> all() {
        return List.of(
                new io.churnwatch.cli.demo.DemoCommand(),
                new io.churnwatch.cli.console.ConsoleCommand(),
                new StackCommand(),
                new ClusterCommand(),
                new io.churnwatch.cli.deploy.DeployCommand(),
                new io.churnwatch.cli.deploy.JobsCommand(),
                new io.churnwatch.cli.deploy.UpgradeCommand(),
                new GenerateCommand(),
                new ReplayCommand(),
                new KafkaReplayCommand(),
                new ImportOlistCommand(),
                new BacktestCommand(),
                new FitRulesCommand(),
                new BenchCommand(),
                new BenchConsoleCommand());
    }
}
