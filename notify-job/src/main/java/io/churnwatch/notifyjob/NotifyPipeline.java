package io.churnwatch.notifyjob;

import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.events.AlertAction;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.DeadLetter;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.types.Either;

/**
 * Adds alert delivery to any job graph: alerts and the retention console's actions on them keyed
 * per customer into the {@link AlertEngine alert engine} with silences broadcast beside them, then the notifications it emits through
 * Async I/O to the receivers. The live {@link NotifyJob}, the demo and the tests all wire
 * exactly this.
 *
 * <pre>
 *  alerts ───┬─keyBy(customer)──► NotificationFunction ──forward──► SendNotification ──► outcomes
 *  actions ──┘                         │  └─► rejected silences (dead letters)
 *  silences ──broadcast────────────────┘
 * </pre>
 *
 * The delivery operator runs at the engine's parallelism and is fed forward, so one group's
 * notifications reach one dispatcher in the order they were emitted: a resolve never overtakes
 * its trigger.
 */
public final class NotifyPipeline {

    /**
     * What the stage produces.
     *
     * @param outcomes one per notification, after delivery or dead-lettering
     * @param deadLetters silences that did not parse; failed notifications go to {@code churn-dlq}
     *     directly from the delivery operator
     */
    public record Outputs(DataStream<NotificationOutcome> outcomes, DataStream<DeadLetter> deadLetters) {}

    private NotifyPipeline() {}

    public static Outputs attach(
            DataStream<ChurnAlert> alerts,
            DataStream<AlertAction> actions,
            DataStream<SilenceUpdate> silences,
            NotifySettings settings) {
        BroadcastStream<SilenceUpdate> broadcastSilences = silences.broadcast(NotificationFunction.SILENCES);
        // Stateless maps into one input type; the union keeps each input's own order per key.
        DataStream<Either<ChurnAlert, AlertAction>> input = alerts.map(EngineInput::alert)
                .returns(EngineInput.TYPE)
                .name("Alerts to the engine")
                .union(actions.map(EngineInput::action)
                        .returns(EngineInput.TYPE)
                        .name("Actions to the engine"));
        SingleOutputStreamOperator<Notification> notifications = input.keyBy(AlertKeys::ofInput, Types.STRING)
                .connect(broadcastSilences)
                .process(new NotificationFunction(settings.routingFile()), NotificationTypeInfo.INSTANCE)
                .uid(NotificationFunction.UID)
                .name(NotificationFunction.NAME);

        SingleOutputStreamOperator<NotificationOutcome> outcomes = AsyncDataStream.unorderedWait(
                        notifications,
                        new SendNotification(settings),
                        settings.deliveryTimeout().toMillis(),
                        TimeUnit.MILLISECONDS,
                        settings.maxInFlight())
                .uid(SendNotification.UID)
                .name(SendNotification.NAME);

        return new Outputs(outcomes, notifications.getSideOutput(NotificationFunction.REJECTED_SILENCES));
    }
}
