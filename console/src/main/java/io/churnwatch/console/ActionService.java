package io.churnwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.churnwatch.events.AlertAction;
import io.churnwatch.schemas.kafka.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what a person did about an alert: checked against what they saw (409 otherwise),
 * idempotent by the client's action id, then appended to {@code churn-actions} on Kafka (the
 * record the delivery stage and the backtest read) and in Elasticsearch (what the console shows).
 *
 * <p>Kafka first: if the index write fails after it, the client's retry with the same action id
 * finds no document and writes both again, so the topic may carry an action id twice, which its
 * consumers skip (the schema says so). Actions on one alert are serialised in this process; run one
 * console instance per cluster, or put a sticky load balancer in front.
 */
public final class ActionService {

    private static final Logger LOG = LoggerFactory.getLogger(ActionService.class);

    private final Es es;
    private final Producer<String, AlertAction> producer;
    private final WorkflowCache workflow;
    private final Clock clock;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    public ActionService(Es es, Producer<String, AlertAction> producer, WorkflowCache workflow, Clock clock) {
        this.es = es;
        this.producer = producer;
        this.workflow = workflow;
        this.clock = clock;
    }

    /** The outcome: the recorded action and whether this call recorded it (false for a repeat). */
    public record Recorded(AlertAction action, boolean created, WorkflowState state) {}

    public Recorded act(String alertId, ActionRequest request, String actor) {
        Object lock = locks.computeIfAbsent(alertId, id -> new Object());
        synchronized (lock) {
            Optional<JsonNode> existing = es.get(ConsoleIndices.ACTIONS, request.actionId());
            if (existing.isPresent()) {
                AlertAction earlier = ActionDocuments.fromJson(existing.get());
                if (!earlier.getAlertId().equals(alertId) || earlier.getKind() != request.kind()) {
                    throw new BadRequest(
                            "action_id", "action_id " + request.actionId() + " was already used for another action");
                }
                return new Recorded(earlier, false, workflow.of(alertId));
            }
            JsonNode alert =
                    es.get(ConsoleIndices.ALERTS, alertId).orElseThrow(() -> new NotFound("no alert " + alertId));
            List<AlertAction> actions = workflow.actionsOf(alertId);
            checkUnchanged(alert, actions, request);

            Instant now = clock.instant();
            AlertAction action = AlertAction.newBuilder()
                    .setActionId(request.actionId())
                    .setAlertId(alertId)
                    .setAlertRevision(alert.path("revision").asInt())
                    .setCustomerId(Json.text(alert, "customer_id"))
                    .setKind(request.kind())
                    .setActor(actor)
                    .setActedAt(now)
                    .setAssignee(request.assignee())
                    .setSnoozedUntil(request.snoozedUntil())
                    .setReason(request.reason())
                    .setNote(request.note())
                    .setOutcome(request.outcome())
                    .setContact(request.contact())
                    .build();
            send(action);
            boolean created = es.create(
                    ConsoleIndices.ACTIONS,
                    action.getActionId(),
                    ActionDocuments.toJson(action, Json.text(alert.path("save_action"), "playbook")));
            List<AlertAction> after = new ArrayList<>(actions);
            if (created) {
                after.add(action);
            }
            workflow.update(alertId, after);
            LOG.info("{} {} alert {} (action {})", actor, action.getKind(), alertId, action.getActionId());
            return new Recorded(action, created, workflow.of(alertId));
        }
    }

    private static void checkUnchanged(JsonNode alert, List<AlertAction> actions, ActionRequest request) {
        List<String> changes = new ArrayList<>();
        int revision = alert.path("revision").asInt();
        if (revision != request.alertRevision()) {
            changes.add("the alert went from revision " + request.alertRevision() + " to " + revision + " (now "
                    + Json.text(alert, "severity") + ", " + Json.text(alert, "status") + ")");
        }
        if (actions.size() != request.workflowVersion()) {
            int from = Math.min(request.workflowVersion(), actions.size());
            for (AlertAction a : actions.subList(from, actions.size())) {
                changes.add(a.getActor() + " recorded " + a.getKind().name().toLowerCase(java.util.Locale.ROOT)
                        + (a.getAssignee() == null ? "" : " to " + a.getAssignee()) + " at " + a.getActedAt());
            }
            if (request.workflowVersion() > actions.size()) {
                changes.add("you sent workflow version " + request.workflowVersion() + ", but there are only "
                        + actions.size() + " actions");
            }
        }
        if (!changes.isEmpty()) {
            throw new Conflict(changes, revision, actions.size());
        }
    }

    private void send(AlertAction action) {
        try {
            producer.send(new ProducerRecord<>(
                            Topics.CHURN_ACTIONS.name(), Objects.requireNonNull(action.getAlertId()), action))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + Topics.CHURN_ACTIONS.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot write to " + Topics.CHURN_ACTIONS.name() + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    /** 404. */
    public static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message);
        }
    }
}
