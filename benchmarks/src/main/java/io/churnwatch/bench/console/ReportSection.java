package io.churnwatch.bench.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The console benchmark's part of docs/performance.md, between two HTML comments, so that this
 * benchmark and the job benchmark each rewrite only their own part of the one file.
 */
public final class ReportSection {

    public static final String START = "<!-- console-bench:start -->";
    public static final String END = "<!-- console-bench:end -->";

    private ReportSection() {}

    /** The marked section of a report, markers included, if it has one. */
    public static Optional<String> find(String report) {
        int start = report.indexOf(START);
        int end = report.indexOf(END, Math.max(start, 0));
        if (start < 0 || end < 0) {
            return Optional.empty();
        }
        return Optional.of(report.substring(start, end + END.length()));
    }

    /** The report with its marked section replaced by this one (markers included), or with it appended. */
    public static String replace(String report, String section) {
        Optional<String> old = find(report);
        if (old.isPresent()) {
            int start = report.indexOf(START);
            return report.substring(0, start)
                    + section
                    + report.substring(start + old.get().length());
        }
        String base = report.isEmpty() || report.endsWith("\n\n")
                ? report
                : report.endsWith("\n") ? report + "\n" : report + "\n\n";
        return base + section + "\n";
    }

    /** A freshly generated report, given the marked section of the file it overwrites (if any). */
    public static String carryOver(Optional<String> previousReport, String generated) {
        return previousReport
                .flatMap(ReportSection::find)
                .map(s -> replace(generated, s))
                .orElse(generated);
    }

    static Optional<String> read(Path report) throws IOException {
        return Files.exists(report) ? Optional.of(Files.readString(report)) : Optional.empty();
    }

    /** Writes this section into the report file, keeping everything outside the markers. */
    static void writeInto(Path report, String section) throws IOException {
        Path parent = report.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(report, replace(read(report).orElse(""), section));
    }
}
