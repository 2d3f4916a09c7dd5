package io.churnwatch.jobs.rules;

import io.churnwatch.events.DeadLetter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live rule updates from {@code churn-rules}, shared by every function that reads rules.
 *
 * <p>The broadcast stream carries the raw rules document (a String); the broadcast state keeps the last
 * valid document under one key. Keeping text rather than parsed records means the state serializer is
 * Flink's String serializer, not Kryo, and a restore re-validates against the current code.
 *
 * <p>Wire it as {@code rulesText.broadcast(RulesBroadcast.DESCRIPTOR)}; every rules-reading function then
 * sees the same update. The rules stream has no event time of its own, but a two-input operator runs on the
 * smaller of its inputs' watermarks: give the rules source a watermark of Long.MAX_VALUE (or idleness),
 * never {@code noWatermarks()}, or no timer of a rules-reading function will ever fire. Rejected updates go to {@link #REJECTED} from subtask 0 only, so one bad update
 * yields one error record, not one per parallel instance.
 */
public final class RulesBroadcast implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RulesBroadcast.class);

    public static final MapStateDescriptor<String, String> DESCRIPTOR =
            new MapStateDescriptor<>("churn-rules", Types.STRING, Types.STRING);

    public static final OutputTag<DeadLetter> REJECTED =
            new OutputTag<>("rejected-rules", TypeInformation.of(DeadLetter.class));

    public static final String SOURCE_TOPIC = "churn-rules";
    public static final String STAGE = "rules";

    private static final String CURRENT = "current";

    private final ChurnRules defaults;
    private transient String cachedText;
    private transient ChurnRules cachedRules;

    public RulesBroadcast(ChurnRules defaults) {
        this.defaults = defaults;
    }

    /** The rules in force: the last accepted update, or the defaults the job started with. */
    public ChurnRules current(ReadOnlyBroadcastState<String, String> state) throws Exception {
        String text = state.get(CURRENT);
        if (text == null) {
            return defaults;
        }
        if (text != cachedText) {
            try {
                cachedRules = RulesParser.parse(text);
            } catch (InvalidRulesException e) {
                // Accepted once, but this version of the code rejects it (a restore after an upgrade):
                // run on the defaults rather than fail every record; the next valid update takes over.
                LOG.warn("The stored churn rules are no longer valid, using the defaults: {}", e.getMessage());
                cachedRules = defaults;
            }
            cachedText = text;
        }
        return cachedRules;
    }

    /**
     * Accepts a valid update into broadcast state, or reports it to {@code reject} (when
     * {@code reportRejections}) and keeps the old rules.
     */
    public boolean update(
            String document,
            BroadcastState<String, String> state,
            boolean reportRejections,
            BiConsumer<OutputTag<DeadLetter>, DeadLetter> reject)
            throws Exception {
        try {
            ChurnRules rules = RulesParser.parse(document);
            state.put(CURRENT, document);
            cachedText = document;
            cachedRules = rules;
            if (reportRejections) {
                LOG.info("Churn rules {} are now in force", rules.version());
            }
            return true;
        } catch (InvalidRulesException e) {
            if (reportRejections) {
                LOG.warn("Rejected a churn rules update, the previous rules stay in force: {}", e.getMessage());
                reject.accept(REJECTED, deadLetter(document, e));
            }
            return false;
        }
    }

    static DeadLetter deadLetter(String document, InvalidRulesException e) {
        return DeadLetter.newBuilder()
                .setStage(STAGE)
                .setReason("rule update rejected, previous rules stay in force: " + String.join("; ", e.problems()))
                .setSourceTopic(SOURCE_TOPIC)
                .setPayload(
                        document == null ? null : java.nio.ByteBuffer.wrap(document.getBytes(StandardCharsets.UTF_8)))
                .setContentType("application/yaml")
                .setFailedAt(Instant.now())
                .build();
    }
}
