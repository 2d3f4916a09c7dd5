package io.churnwatch.jobs.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class EndOfRecordingOperatorTest {

    private static final long LAST_EVENT = 1_700_000_000_000L;

    @Test
    void replacesTheFinalWatermarkByTheEndOfTheRecording() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new EndOfRecordingOperator<String>(LAST_EVENT))) {
            harness.open();
            harness.processElement("a", LAST_EVENT - 10);
            harness.processWatermark(new Watermark(LAST_EVENT - 20));
            harness.processWatermark(Watermark.MAX_WATERMARK);

            assertThat(watermarks(harness)).containsExactly(LAST_EVENT - 20, LAST_EVENT);
            assertThat(harness.extractOutputValues()).containsExactly("a");
        }
    }

    @Test
    void neverMovesTheWatermarkBackWhenItAlreadyPassedTheEnd() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new EndOfRecordingOperator<String>(LAST_EVENT))) {
            harness.open();
            harness.processWatermark(new Watermark(LAST_EVENT + 5));
            harness.processWatermark(Watermark.MAX_WATERMARK);

            assertThat(watermarks(harness)).containsExactly(LAST_EVENT + 5);
        }
    }

    private static List<Long> watermarks(OneInputStreamOperatorTestHarness<String, String> harness) {
        return harness.getOutput().stream()
                .filter(Watermark.class::isInstance)
                .map(w -> ((Watermark) w).getTimestamp())
                .collect(Collectors.toList());
    }
}
