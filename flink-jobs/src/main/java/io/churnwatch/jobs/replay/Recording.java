package io.churnwatch.jobs.replay;

import io.churnwatch.events.DeadLetter;
import io.churnwatch.flink.input.DeadLetters;
import io.churnwatch.flink.input.EventValidator;
import io.churnwatch.schemas.jsonl.BadLine;
import io.churnwatch.schemas.jsonl.JsonLinesReader;
import io.churnwatch.schemas.jsonl.JsonLinesWriter;
import io.churnwatch.schemas.jsonl.StreamEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A JSON Lines recording made ready for replay: bad and invalid lines set aside as dead letters,
 * the rest in event-time order in one file that the job streams, and the time of the last event,
 * which is where the replay's event time ends (see {@code EndOfRecordingOperator}).
 *
 * <p>Sorting happens here, once, in plain Java, so that the job sees the events in the order they
 * happened whatever order the recording was written in, and so that any parallelism sees the same
 * sequence. The sort is stable: events with the same time keep their order in the file.
 */
public record Recording(
        Path sortedEvents, long events, Instant firstEvent, Instant lastEvent, List<DeadLetter> deadLetters) {

    /** Reads {@code input}, validates it and writes the sorted events to {@code sortedEvents}. */
    public static Recording prepare(Path input, Path sortedEvents) throws IOException {
        String source = input.getFileName().toString();
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        try (JsonLinesReader reader =
                JsonLinesReader.open(input).lenient(bad -> deadLetters.add(deadLetter(source, bad)))) {
            for (StreamEvent event : reader) {
                List<String> problems = EventValidator.problems(event.record());
                if (!problems.isEmpty()) {
                    deadLetters.add(DeadLetters.fromLine(
                            DeadLetters.STAGE_VALIDATE,
                            // Named as the reader names a line it cannot decode: file, line, then what is wrong.
                            source + ": line " + event.lineNumber() + ": invalid "
                                    + event.stream().streamName() + " event: " + String.join("; ", problems),
                            source,
                            event.lineNumber(),
                            JsonLinesWriter.toLine(event.record())));
                    continue;
                }
                lines.add(new Line(
                        event.eventTime().toEpochMilli(), event.lineNumber(), JsonLinesWriter.toLine(event.record())));
            }
        }
        lines.sort(Comparator.comparingLong(Line::time).thenComparingLong(Line::number));
        try (BufferedWriter out = Files.newBufferedWriter(sortedEvents, StandardCharsets.UTF_8)) {
            for (Line line : lines) {
                out.write(line.json());
                out.write('\n');
            }
        }
        Instant first = lines.isEmpty()
                ? Instant.EPOCH
                : Instant.ofEpochMilli(lines.get(0).time());
        Instant last = lines.isEmpty()
                ? Instant.EPOCH
                : Instant.ofEpochMilli(lines.get(lines.size() - 1).time());
        return new Recording(sortedEvents, lines.size(), first, last, List.copyOf(deadLetters));
    }

    private static DeadLetter deadLetter(String source, BadLine bad) {
        return DeadLetters.fromLine(DeadLetters.STAGE_DECODE, bad.message(), source, bad.lineNumber(), bad.bytes());
    }

    private record Line(long time, long number, String json) {}
}
