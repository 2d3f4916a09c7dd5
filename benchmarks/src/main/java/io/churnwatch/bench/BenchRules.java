package io.churnwatch.bench;

import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.InvalidRulesException;
import io.churnwatch.jobs.rules.RulesParser;

/**
 * The rules the benchmarks run: the default rules with every deadline counted to the millisecond. TPC-H Q4
 * counts a line received a second after its commit date as late, so the job's answer can only equal the
 * query's without the hour of grace the default rules give; and alert latency is measured from the
 * deadline itself, not from the end of a grace.
 */
public final class BenchRules {

    private BenchRules() {}

    /** The rules document, as the job's rules stream carries it. */
    public static String document() {
        String text = RulesParser.defaultDocument()
                .replaceFirst("(?m)^(\\s+shipBy:\\s*)PT1H", "$1PT0S")
                .replaceFirst("(?m)^(\\s+delivery:\\s*)PT1H", "$1PT0S")
                .replaceFirst("(?m)^(\\s+supportPromise:\\s*)PT15M", "$1PT0S");
        ChurnRules parsed = parse(text);
        if (!parsed.grace().equals(ChurnRules.Grace.NONE)) {
            throw new IllegalStateException("the default rules' grace section changed; BenchRules no longer turns it"
                    + " off (got " + parsed.grace() + ")");
        }
        return text;
    }

    public static ChurnRules rules() {
        return parse(document());
    }

    private static ChurnRules parse(String text) {
        try {
            return RulesParser.parse(text);
        } catch (InvalidRulesException e) {
            throw new IllegalStateException("the benchmarks' rules do not parse: " + e.getMessage(), e);
        }
    }
}
