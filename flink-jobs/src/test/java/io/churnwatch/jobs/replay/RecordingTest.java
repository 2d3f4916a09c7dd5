package io.churnwatch.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeadLetter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTest {

    @TempDir
    Path dir;

    @Test
    void sortsByEventTimeAndKeepsFileOrderForTies() throws Exception {
        Path input = Files.write(
                dir.resolve("in.jsonl"),
                List.of(
                        "# a hand-written scenario, out of order",
                        order("o-2", "2026-11-02T10:00:00Z"),
                        order("o-1", "2026-11-02T09:00:00Z"),
                        order("o-3", "2026-11-02T10:00:00Z")));

        Recording recording = Recording.prepare(input, dir.resolve("sorted.jsonl"));

        assertThat(Files.readAllLines(recording.sortedEvents()))
                .extracting(line -> line.replaceAll(".*\"order_id\":\"(o-\\d)\".*", "$1"))
                .containsExactly("o-1", "o-2", "o-3");
        assertThat(recording.events()).isEqualTo(3);
        assertThat(recording.firstEvent()).isEqualTo(Instant.parse("2026-11-02T09:00:00Z"));
        assertThat(recording.lastEvent()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
        assertThat(recording.deadLetters()).isEmpty();
    }

    @Test
    void setsAsideBadAndInvalidLinesWithTheirLineNumbersAndReasons() throws Exception {
        Path input = Files.write(
                dir.resolve("in.jsonl"),
                List.of(
                        order("o-1", "2026-11-02T09:00:00Z"),
                        "{\"stream\":\"orders\",\"order_id\":",
                        "{\"stream\":\"orders\",\"event_id\":\"x\",\"order_id\":\"o-9\",\"customer_id\":\"c-1\",\"type\":\"placed\","
                                + "\"event_time\":\"2026-11-02T09:00:00Z\",\"promised_ship_by\":\"2026-11-01T09:00:00Z\"}"));

        Recording recording = Recording.prepare(input, dir.resolve("sorted.jsonl"));

        assertThat(recording.events()).isEqualTo(1);
        assertThat(recording.deadLetters())
                .extracting(DeadLetter::getSourceOffset)
                .containsExactly(2L, 3L);
        assertThat(recording.deadLetters()).extracting(DeadLetter::getStage).containsExactly("decode", "validate");
        assertThat(recording.deadLetters().get(1).getReason())
                .contains("line 3")
                .contains("promised_ship_by");
    }

    private static String order(String id, String time) {
        return "{\"stream\":\"orders\",\"event_id\":\"" + id + "-placed\",\"order_id\":\"" + id
                + "\",\"customer_id\":\"c-1\",\"type\":\"placed\",\"event_time\":\"" + time + "\"}";
    }
}
