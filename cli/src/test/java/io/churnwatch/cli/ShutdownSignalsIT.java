package io.churnwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every long-running command stops on the signals that {@code docker stop}, systemd, CI
 * time-outs (SIGTERM) and a terminal (SIGINT) send: each command runs as its own JVM, exactly as
 * {@code ./churnwatch} starts it, until it says it is ready; after the signal it must exit within
 * seconds, say so, and leave none of the processes it started (Elasticsearch, Flink's JobManager
 * and TaskManagers) running.
 */
@Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShutdownSignalsIT {

    /** Elasticsearch alone may take up to 30 s to stop before its process tree is killed. */
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(45);

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of(List.of("stack"), "Press Ctrl-C to stop.", "TERM"),
                Arguments.of(List.of("stack"), "Press Ctrl-C to stop.", "INT"),
                Arguments.of(
                        List.of("cluster", "--task-managers", "1", "--slots", "1"), "Press Ctrl-C to stop.", "TERM"),
                Arguments.of(List.of("demo", "--refresh", "PT2S"), "Ctrl-C stops everything.", "TERM"),
                Arguments.of(List.of("demo", "--refresh", "PT2S"), "Ctrl-C stops everything.", "INT"));
    }

    @ParameterizedTest(name = "{0} on SIG{2}")
    @MethodSource("commands")
    void exitsWithinSecondsAndLeavesNothingRunning(List<String> command, String ready, String signal) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                ChurnWatch.class.getName()));
        cmd.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        // The embedded servers, whatever this test JVM was pointed at.
        builder.environment().keySet().removeIf(k -> k.startsWith("CHURNWATCH_"));
        Process process = builder.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> isReady = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                    if (line.contains(ready)) {
                        isReady.complete(null);
                    }
                }
            } catch (IOException closed) {
                // the process ended
            }
        });
        reader.start();
        try {
            isReady.get(4, TimeUnit.MINUTES);
            List<ProcessHandle> started = process.descendants().toList();
            assertThat(started)
                    .as("%s starts its servers as processes", command)
                    .isNotEmpty();

            int linesBefore = lines.size();
            long signalled = System.nanoTime();
            new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            boolean exited = process.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - signalled);
            reader.join(5_000);

            assertThat(exited)
                    .as("%s exits within %s of SIG%s; it printed:%n%s", command, EXIT_WITHIN, signal, tail(lines))
                    .isTrue();
            assertThat(started.stream().filter(ProcessHandle::isAlive).toList())
                    .as("processes %s started and left running", command)
                    .isEmpty();
            assertThat(lines).as("%s says it stopped (after %s)", command, took).anyMatch(l -> l.contains("Stopped"));
            assertThat(lines.subList(linesBefore, lines.size()))
                    .as("no false alarm on the way out: a receiver or server reported unreachable")
                    .noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("unreachable"));
            assertThat(lines)
                    .as("no stack trace on the way out")
                    .noneMatch(l -> l.startsWith("Exception in thread") || l.startsWith("\tat "));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
