package io.churnwatch.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operators' alert rules (docker/prometheus/churnwatch-rules.yml) are valid for Prometheus and do what
 * their unit tests say: both checked by Prometheus's own promtool (Debian package {@code prometheus}); the
 * tests skip where it is not installed. Every metric a rule uses is one docs/metrics.md lists as scraped.
 */
class PrometheusRulesTest {

    private static final Path RULES_DIR = Path.of("../docker/prometheus");
    private static final Path RULES = RULES_DIR.resolve("churnwatch-rules.yml");
    private static final Path RULES_TEST = RULES_DIR.resolve("churnwatch-rules.test.yml");
    private static final Path METRICS_DOC = Path.of("../docs/metrics.md");
    private static final Pattern METRIC = Pattern.compile("\\bflink_[a-zA-Z0-9_]+");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Path promtool = promtool();

        Result check = run(promtool, "check", "rules", RULES.getFileName().toString());

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS");
    }

    @Test
    void everyRuleFiresAndStaysQuietAsItsUnitTestsExpect() throws Exception {
        Path promtool = promtool();

        Result test = run(promtool, "test", "rules", RULES_TEST.getFileName().toString());

        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyMetricTheRulesUseIsDocumentedAsScraped() throws IOException {
        Set<String> used = metricNames(Files.readString(RULES));
        String doc = Files.readString(METRICS_DOC);

        assertThat(used).isNotEmpty();
        assertThat(used).allSatisfy(name -> assertThat(doc).contains("`" + name + "`"));
    }

    private static Set<String> metricNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    private static Path promtool() {
        String path = System.getenv().getOrDefault("PATH", "");
        Path found = Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assumeTrue(found != null, "promtool is not on the PATH (apt-get install prometheus)");
        return found;
    }

    private record Result(int exitCode, String output) {}

    private static Result run(Path promtool, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(promtool.toString());
        command.addAll(List.of(args));
        // Run where the files are: the test file names its rule file relative to itself.
        Process process = new ProcessBuilder(command)
                .directory(RULES_DIR.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
