package io.churnwatch.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OneTimerTest {

    /** Each element is the wanted wake-up of key "k"; each firing emits its timestamp. */
    private static class WakeUpAt extends KeyedProcessFunction<String, Long, Long> {

        private transient ValueState<Long> timerAt;

        @Override
        public void open(OpenContext openContext) {
            timerAt = getRuntimeContext().getState(new ValueStateDescriptor<>("timerAt", Types.LONG));
        }

        @Override
        public void processElement(Long wanted, Context ctx, Collector<Long> out) throws Exception {
            long current = timerAt.value() == null ? Times.NONE : timerAt.value();
            timerAt.update(OneTimer.reschedule(current, wanted, ctx.timerService()));
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Long> out) throws Exception {
            timerAt.update(Times.NONE);
            out.collect(timestamp);
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Long, Long> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new WakeUpAt(), wanted -> "k", Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void want(long wakeUp) throws Exception {
        harness.processElement(wakeUp, 0L);
    }

    @Test
    void anUnsetWakeUpRegistersNoTimer() throws Exception {
        want(Times.NONE);

        assertThat(harness.numEventTimeTimers()).isZero();
        harness.processWatermark(Times.END_OF_INPUT);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aChangedWakeUpDeletesTheOldTimer() throws Exception {
        want(100);
        want(200);

        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(150);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(200);
        assertThat(harness.extractOutputValues()).containsExactly(200L);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anUnsetWakeUpDeletesTheOldTimer() throws Exception {
        want(100);
        want(Times.NONE);

        assertThat(harness.numEventTimeTimers()).isZero();
        harness.processWatermark(Times.END_OF_INPUT);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aFiredTimerIsRegisteredAgainWithoutADelete() throws Exception {
        want(100);
        harness.processWatermark(100);
        want(300);

        assertThat(harness.extractOutputValues()).containsExactly(100L);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(300);
        assertThat(harness.extractOutputValues()).containsExactly(100L, 300L);
    }

    @Test
    void touchesTheTimerServiceOnlyWhenTheWakeUpChanges() {
        RecordingTimers timers = new RecordingTimers();

        assertThat(OneTimer.reschedule(100, 100, timers)).isEqualTo(100);
        assertThat(OneTimer.reschedule(Times.NONE, Times.NONE, timers)).isEqualTo(Times.NONE);
        assertThat(timers.calls).isEmpty();

        assertThat(OneTimer.reschedule(Times.NONE, 100, timers)).isEqualTo(100);
        assertThat(OneTimer.reschedule(100, 200, timers)).isEqualTo(200);
        assertThat(OneTimer.reschedule(200, Times.NONE, timers)).isEqualTo(Times.NONE);
        assertThat(timers.calls).containsExactly("register 100", "delete 100", "register 200", "delete 200");
    }

    @Test
    void theFinalWatermarkEvaluatesAtTheLatestEventSeen() {
        assertThat(OneTimer.isEndOfInput(Times.END_OF_INPUT)).isTrue();
        assertThat(OneTimer.isEndOfInput(Times.END_OF_INPUT - 1)).isFalse();

        assertThat(OneTimer.evaluateAt(500, 300)).isEqualTo(500);
        assertThat(OneTimer.evaluateAt(Times.END_OF_INPUT, 300)).isEqualTo(300);
        assertThat(OneTimer.evaluateAt(Times.END_OF_INPUT, Times.NONE)).isEqualTo(Times.NONE);
    }

    private static final class RecordingTimers implements TimerService {

        final List<String> calls = new ArrayList<>();

        @Override
        public void registerEventTimeTimer(long time) {
            calls.add("register " + time);
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            calls.add("delete " + time);
        }

        @Override
        public long currentProcessingTime() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long currentWatermark() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void registerProcessingTimeTimer(long time) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteProcessingTimeTimer(long time) {
            throw new UnsupportedOperationException();
        }
    }
}
