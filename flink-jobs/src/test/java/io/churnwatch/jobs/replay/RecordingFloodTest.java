package io.churnwatch.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input at scale in a JSON Lines recording (issue #15): good lines with every kind of bad line
 * shuffled among them. Each bad line must come out as a dead letter naming its file and line (and its
 * field where it has one), and the good lines must replay exactly as the same file without them does.
 * The figures are printed for docs/reliability.md.
 */
class RecordingFloodTest {

    static final int GOOD = 20_000;
    static final int PER_KIND = 1_000;
    /** 1 MiB lines: 20 make a 20 MiB file, enough to show the kind without a gigabyte in a unit test. */
    static final int LARGE = 20;

    /** A bad line's kind, how to make the i-th one, and what its reason must contain besides its line. */
    enum Kind {
        TRUNCATED("a line cut short", i -> good(i).substring(0, 10 + i % 60), null),
        WRONG_TYPE(
                "a field of the wrong type",
                i -> good(i).replace("\"item_count\":1", "\"item_count\":\"one\""),
                "item_count"),
        UNKNOWN_ENUM("an unknown enum value", i -> good(i).replace("\"placed\"", "\"teleported\""), "type"),
        MISSING_FIELD(
                "a required field missing",
                i -> good(i).replace(",\"customer_id\":\"c-" + i + "\"", ""),
                "customer_id"),
        LARGE_STRING(
                "a 1 MiB string",
                i -> good(i).replace("\"c-" + i + "\"", "\"c-" + "x".repeat(1 << 20) + "\""),
                "customer_id"),
        EXTREME_TIME(
                "a timestamp in year 9999",
                i -> good(i).replaceFirst("\"event_time\":\"[^\"]+\"", "\"event_time\":\"9999-06-01T00:00:00Z\""),
                "event_time"),
        // Not starting with '#': such a line is a comment in JSON Lines as ChurnWatch reads it.
        GARBAGE("random printable garbage", i -> "%!" + Long.toString(new Random(i).nextLong(), 36) + "}{", null),
        NOT_UTF8("a Latin-1 byte (not UTF-8)", i -> null, null);

        final String what;
        final IntFunction<String> make;
        final String field;

        Kind(String what, IntFunction<String> make, String field) {
            this.what = what;
            this.make = make;
            this.field = field;
        }
    }

    @TempDir
    Path dir;

    @Test
    void everyBadLineIsDeadLetteredWithItsLineAndTheGoodLinesReplayAsFromACleanFile() throws Exception {
        // Given the good lines, and the same with bad lines of every kind shuffled in
        List<Object> lines = new ArrayList<>();
        List<String> good = new ArrayList<>();
        for (int i = 0; i < GOOD; i++) {
            good.add(good(i));
            lines.add(good(i));
        }
        for (Kind kind : Kind.values()) {
            int count = kind == Kind.LARGE_STRING ? LARGE : PER_KIND;
            for (int i = 0; i < count; i++) {
                lines.add(kind == Kind.NOT_UTF8 ? latin1(GOOD + i) : new Bad(kind, kind.make.apply(GOOD + i)));
            }
        }
        Collections.shuffle(lines, new Random(15));
        Map<Long, Kind> kindAtLine = new LinkedHashMap<>();
        ByteArrayOutputStream dirty = new ByteArrayOutputStream();
        for (int n = 0; n < lines.size(); n++) {
            Object line = lines.get(n);
            if (line instanceof Bad bad) {
                kindAtLine.put(n + 1L, bad.kind());
                dirty.writeBytes(bad.text().getBytes(StandardCharsets.UTF_8));
            } else if (line instanceof byte[] bytes) {
                kindAtLine.put(n + 1L, Kind.NOT_UTF8);
                dirty.writeBytes(bytes);
            } else {
                dirty.writeBytes(((String) line).getBytes(StandardCharsets.UTF_8));
            }
            dirty.write('\n');
        }
        Path cleanFile = Files.write(dir.resolve("clean.jsonl"), good);
        Path dirtyFile = Files.write(dir.resolve("dirty.jsonl"), dirty.toByteArray());

        // When both are prepared for replay
        Recording clean = Recording.prepare(cleanFile, dir.resolve("clean-sorted.jsonl"));
        Recording recording = Recording.prepare(dirtyFile, dir.resolve("dirty-sorted.jsonl"));

        // Then the good lines replay as from the clean file
        assertThat(Files.readAllLines(recording.sortedEvents()))
                .isEqualTo(Files.readAllLines(clean.sortedEvents()))
                .hasSize(GOOD);
        assertThat(recording.lastEvent()).isEqualTo(clean.lastEvent());

        // And every bad line is a dead letter with its file, line and (where it has one) field
        Map<Kind, int[]> counts = new EnumMap<>(Kind.class);
        Map<Kind, String> firstReason = new EnumMap<>(Kind.class);
        kindAtLine.values().forEach(k -> counts.computeIfAbsent(k, x -> new int[2])[0]++);
        List<String> problems = new ArrayList<>();
        for (DeadLetter d : recording.deadLetters()) {
            Kind kind = kindAtLine.get(d.getSourceOffset());
            if (kind == null) {
                problems.add("a dead letter for good line " + d.getSourceOffset() + ": " + d.getReason());
                continue;
            }
            counts.get(kind)[1]++;
            firstReason.putIfAbsent(kind, d.getReason());
            String reason = d.getReason();
            boolean named = d.getSourceTopic().equals("dirty.jsonl")
                    && (reason.startsWith("dirty.jsonl: line " + d.getSourceOffset() + ":")
                            || reason.startsWith("dirty.jsonl: line " + d.getSourceOffset() + ", field "))
                    && (kind.field == null || reason.contains(kind.field));
            if (!named && problems.size() < 20) {
                problems.add(kind + " at line " + d.getSourceOffset() + ": " + reason);
            }
        }
        System.out.println("RecordingFloodTest: | kind | injected | dead-lettered | lost | reason (first, cut) |");
        counts.forEach((kind, c) -> System.out.printf(
                "RecordingFloodTest: | %s | %,d | %,d | %,d | %s |%n",
                kind.what, c[0], c[1], c[0] - c[1], cut(firstReason.getOrDefault(kind, "-"))));
        assertThat(problems).as("dead letters without their line or field").isEmpty();
        assertThat(recording.deadLetters()).hasSize(kindAtLine.size());
        counts.forEach(
                (kind, c) -> assertThat(c[1]).as("dead letters of %s", kind).isEqualTo(c[0]));
    }

    private record Bad(Kind kind, String text) {}

    private static String good(int i) {
        Instant at = Instant.parse("2026-11-02T00:00:00Z").plusSeconds(37L * i);
        return "{\"stream\":\"orders\",\"event_id\":\"o-" + i + "-placed\",\"order_id\":\"o-" + i
                + "\",\"customer_id\":\"c-" + i + "\",\"type\":\"placed\",\"event_time\":\"" + at
                + "\",\"item_count\":1}";
    }

    private static byte[] latin1(int i) {
        return good(i).replace("\"c-" + i + "\"", "\"caf\u00e9-" + i + "\"").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String cut(String reason) {
        String one = reason.replace('\n', ' ');
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }
}
