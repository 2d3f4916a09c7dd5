package io.churnwatch.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    @Test
    void aLineThatIsNotUtf8IsDeadLetteredAndTheRestReplaysAsFromACleanFile() throws Exception {
        List<String> good = List.of(
                order("o-2", "2026-11-02T10:00:00Z"),
                order("o-1", "2026-11-02T09:00:00Z"),
                order("o-3", "2026-11-02T11:00:00Z"));
        Path clean = Files.write(dir.resolve("clean.jsonl"), good);
        byte[] latin1 = order("o-\u00e9", "2026-11-02T09:30:00Z").getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream dirty = new ByteArrayOutputStream();
        dirty.writeBytes((good.get(0) + "\n" + good.get(1) + "\n").getBytes(StandardCharsets.UTF_8));
        dirty.writeBytes(latin1);
        dirty.writeBytes(("\n" + good.get(2) + "\n").getBytes(StandardCharsets.UTF_8));
        Path input = Files.write(dir.resolve("dirty.jsonl"), dirty.toByteArray());

        Recording fromClean = Recording.prepare(clean, dir.resolve("clean-sorted.jsonl"));
        Recording recording = Recording.prepare(input, dir.resolve("sorted.jsonl"));

        assertThat(Files.readAllLines(recording.sortedEvents()))
                .isEqualTo(Files.readAllLines(fromClean.sortedEvents()))
                .hasSize(3);
        assertThat(recording.lastEvent()).isEqualTo(fromClean.lastEvent());
        assertThat(recording.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.getStage()).isEqualTo("decode");
            assertThat(d.getSourceTopic()).isEqualTo("dirty.jsonl");
            assertThat(d.getSourceOffset()).isEqualTo(3L);
            assertThat(d.getReason()).startsWith("dirty.jsonl: line 3: not valid UTF-8: byte E9 at byte ");
            assertThat(d.getPayload()).isEqualTo(ByteBuffer.wrap(latin1));
        });
    }

    private static String order(String id, String time) {
        return "{\"stream\":\"orders\",\"event_id\":\"" + id + "-placed\",\"order_id\":\"" + id
                + "\",\"customer_id\":\"c-1\",\"type\":\"placed\",\"event_time\":\"" + time + "\"}";
    }
}
