package io.churnwatch.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.schemas.jsonl.JsonLinesReader;
import io.churnwatch.schemas.jsonl.StreamEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesEventSinkTest {

    private static final GeneratorConfig CONFIG =
            GeneratorConfig.defaults().withTotalOrders(1_000).withCustomers(300);

    @TempDir
    Path dir;

    @Test
    void sameSeedWritesByteIdenticalFiles() throws Exception {
        Path first = write(CONFIG, dir.resolve("first.jsonl"));
        Path second = write(CONFIG, dir.resolve("second.jsonl"));
        Path otherSeed = write(CONFIG.withSeed(1), dir.resolve("other.jsonl"));

        assertThat(Files.size(first)).isGreaterThan(1_000_000);
        assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
        assertThat(Files.mismatch(first, otherSeed)).isNotEqualTo(-1L);
    }

    @Test
    void theSchemasReaderReadsBackExactlyWhatWasGenerated() throws Exception {
        List<GeneratedEvent> generated = new ArrayList<>();
        new ShopGenerator(CONFIG).forEachRemaining(generated::add);
        Path file = write(CONFIG, dir.resolve("events.jsonl"));

        List<StreamEvent> read = JsonLinesReader.readAll(file);

        assertThat(read).hasSameSizeAs(generated);
        assertThat(read)
                .extracting(StreamEvent::record)
                .containsExactlyElementsOf(
                        generated.stream().map(GeneratedEvent::record).toList());
        assertThat(read)
                .extracting(StreamEvent::stream)
                .containsExactlyElementsOf(
                        generated.stream().map(GeneratedEvent::stream).toList());
    }

    private static Path write(GeneratorConfig config, Path file) throws Exception {
        try (JsonLinesEventSink sink = JsonLinesEventSink.open(file)) {
            EventPump.pump(new ShopGenerator(config), Pacer.of(Pace.asFastAsPossible()), sink);
        }
        return file;
    }
}
