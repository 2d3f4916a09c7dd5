package io.churnwatch.cli;

import io.churnwatch.backtest.olist.OlistImporter;
import io.churnwatch.backtest.olist.OlistTables;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Turns the public Olist tables into a ChurnWatch recording and an outcomes file. */
@Command(
        name = "import-olist",
        mixinStandardHelpOptions = true,
        description = {
            "Import the public Olist e-commerce tables as ChurnWatch events and outcomes.",
            "",
            "Reads the Olist tables (NAME.csv or NAME.csv.gz) and writes ChurnWatch events as",
            "JSON Lines, plus the outcomes to backtest against (1-2 star reviews, repeat orders).",
            "Timestamps are read as America/Sao_Paulo local time; docs/olist-report.md lists every mapping.",
        })
final class ImportOlistCommand implements Callable<Integer> {

    @Option(names = "--olist", required = true, paramLabel = "DIR", description = "Folder with the Olist tables.")
    Path olist;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FILE",
            description = "The recording to write (JSON Lines).")
    Path output;

    @Option(
            names = "--outcomes",
            required = true,
            paramLabel = "FILE",
            description = "The outcomes to write (JSON Lines).")
    Path outcomes;

    @Override
    public Integer call() throws Exception {
        OlistImporter.Result result = OlistImporter.convert(OlistTables.read(olist));
        result.write(output, outcomes);
        OlistImporter.Stats s = result.stats();
        System.out.printf(
                "%,d orders of %,d customers and %,d reviews: %,d events %s, %,d outcomes%n",
                s.orders(),
                s.customers(),
                s.reviews(),
                result.events().size(),
                s.eventsByStream(),
                result.outcomes().size());
        return 0;
    }
}
