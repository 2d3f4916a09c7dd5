package io.churnwatch.jobs.time;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Replays a recording without pretending its end is the end of time.
 *
 * <p>When a bounded source finishes, Flink sends the final {@code Long.MAX_VALUE} watermark, which
 * would fire every pending deadline timer: an order placed an hour before the recording ends
 * would be reported as never delivered. This operator passes records and watermarks through
 * unchanged, except that it replaces that final watermark by the end of the recording (the time
 * of its last event), so exactly the deadlines that passed while the recording ran fire.
 *
 * <p>Stateless: it holds no keyed or operator state, so it needs no uid of its own to restore.
 */
public final class EndOfRecordingOperator<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    private final long endOfRecordingMillis;
    private long lastForwarded = Long.MIN_VALUE;

    /** @param endOfRecordingMillis event time of the last event in the recording */
    public EndOfRecordingOperator(long endOfRecordingMillis) {
        this.endOfRecordingMillis = endOfRecordingMillis;
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            if (endOfRecordingMillis > lastForwarded) {
                forward(new Watermark(endOfRecordingMillis));
            }
            return;
        }
        forward(mark);
    }

    private void forward(Watermark mark) throws Exception {
        lastForwarded = mark.getTimestamp();
        super.processWatermark(mark);
    }
}
