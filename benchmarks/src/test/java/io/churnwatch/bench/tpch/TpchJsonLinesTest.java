package io.churnwatch.bench.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.schemas.jsonl.JsonLinesReader;
import io.churnwatch.schemas.jsonl.StreamEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpchJsonLinesTest {

    @TempDir
    Path dir;

    @Test
    void writesARecordingTheReplayReadsBackInEventTimeOrder() throws Exception {
        Path file = dir.resolve("tpch.jsonl");

        long written = TpchJsonLines.write(0.001, file, n -> {});

        List<StreamEvent> events = new ArrayList<>();
        try (JsonLinesReader reader = JsonLinesReader.open(file)) {
            reader.forEach(events::add);
        }
        assertThat(events).hasSize((int) written);
        assertThat(events).extracting(StreamEvent::eventTime).isSorted();
    }
}
