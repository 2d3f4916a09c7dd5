package io.churnwatch.jobs.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class LiveWatermarkGeneratorTest {

    private static final long MIDNIGHT = 1_700_000_000_000L;
    private static final long BOUND = 5_000;
    private static final long DELAY = 2_000;

    private final AtomicLong now = new AtomicLong(MIDNIGHT);
    private final RecordingOutput output = new RecordingOutput();
    private final LiveWatermarkGenerator<String> generator = new LiveWatermarkGenerator<>(now::get, BOUND, DELAY);

    @Test
    void advancesWithTheClockOnAQuietNight() {
        generator.onPeriodicEmit(output);
        now.addAndGet(3_600_000); // an hour without a single event
        generator.onPeriodicEmit(output);

        assertThat(output.watermarks).containsExactly(MIDNIGHT - DELAY - 1, MIDNIGHT + 3_600_000 - DELAY - 1);
    }

    @Test
    void followsEventsThatRunAheadOfTheClock() {
        generator.onEvent("e", MIDNIGHT + 60_000, output);
        generator.onPeriodicEmit(output);

        assertThat(output.watermarks).containsExactly(MIDNIGHT + 60_000 - BOUND - 1);
    }

    @Test
    void neverGoesBackWhenTheClockIsSetBack() {
        generator.onPeriodicEmit(output);
        now.addAndGet(-60_000);
        generator.onPeriodicEmit(output);

        assertThat(output.watermarks).containsExactly(MIDNIGHT - DELAY - 1);
    }

    @Test
    void acceleratedClockRunsFasterThanTheWall() {
        EventClock clock =
                EventClock.accelerated(java.time.Instant.ofEpochMilli(MIDNIGHT), java.time.Instant.now(), 1440);
        assertThat(clock.scale(java.time.Duration.ofMinutes(1))).isEqualTo(java.time.Duration.ofDays(1));
        assertThat(clock.nowMillis()).isBetween(MIDNIGHT, MIDNIGHT + 3_600_000);
    }

    private static final class RecordingOutput implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
