package io.churnwatch.notifyjob;

import io.churnwatch.events.AlertAction;
import io.churnwatch.events.ChurnAlert;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.types.Either;

/**
 * The alert engine's keyed input: an alert from {@code churn-alerts} (left) or an action from the
 * retention console on {@code churn-actions} (right). One keyed input rather than a second
 * broadcast: an action names its alert and customer, so it can go to the key that holds the alert,
 * and its mute lives in that key's engine state, checkpointed and cleared with the alert's groups.
 * Only what flows between operators has this type; no state does.
 */
public final class EngineInput {

    public static final TypeInformation<Either<ChurnAlert, AlertAction>> TYPE =
            new EitherTypeInfo<>(TypeInformation.of(ChurnAlert.class), TypeInformation.of(AlertAction.class));

    private EngineInput() {}

    public static Either<ChurnAlert, AlertAction> alert(ChurnAlert alert) {
        return Either.Left(alert);
    }

    public static Either<ChurnAlert, AlertAction> action(AlertAction action) {
        return Either.Right(action);
    }
}
