package io.churnwatch.alerting.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.churnwatch.events.AlertReason;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.SaveAction;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The JSON form of an alert shared by PagerDuty's custom_details and the webhook body. Codes stay for
 * machines (kind, severity); each comes with its words ({@code kind_text}, {@code text}, {@code at_stake}) for
 * people. Scores carry two decimals: the detection job's doubles are sums of decayed points, and fifteen
 * decimals mean nothing to a CRM.
 */
public final class AlertJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    public static ObjectNode of(ChurnAlert a, String link) {
        return of(a, link, AlertText.UTC);
    }

    /** Scores to two decimals, half up. */
    static double round2(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    public static ObjectNode of(ChurnAlert a, String link, AlertText text) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("alert_id", a.getAlertId());
        o.put("status", a.getStatus().name());
        o.put("severity", a.getSeverity().name());
        o.put("scope", a.getScope().name());
        o.put("customer_id", a.getCustomerId());
        o.put("tier", a.getCustomerTier() == null ? null : a.getCustomerTier().name());
        o.put("region", a.getRegion());
        if (a.getCustomerValue() == null) {
            o.putNull("customer_value");
        } else {
            o.put("customer_value", a.getCustomerValue());
        }
        String currency = text.currencyOf(a);
        if (a.getCustomerValue() != null && currency != null) {
            o.put("customer_value_text", AlertText.value(a.getCustomerValue(), currency));
        }
        o.put("risk_score", round2(a.getRiskScore()));
        o.put("priority_score", round2(a.getPriorityScore()));
        o.put("at_stake", text.atStake(a));
        o.put("first_seen", a.getFirstSeen().toString());
        o.put("last_seen", a.getLastSeen().toString());
        o.put("revision", a.getRevision());
        o.put("link", link);
        ArrayNode reasons = o.putArray("reasons");
        for (AlertReason r : a.getReasons()) {
            ObjectNode rn = reasons.addObject();
            rn.put("incident_id", r.getIncidentId());
            rn.put("kind", r.getKind().name());
            rn.put("kind_text", AlertText.kind(r.getKind()));
            rn.put("summary", r.getSummary());
            rn.put("text", text.sentence(r));
            rn.put("contribution", round2(r.getContribution()));
            rn.put("occurred_at", r.getOccurredAt().toString());
            rn.put("order_id", r.getOrderId());
            rn.put("ticket_id", r.getTicketId());
        }
        SaveAction s = a.getSaveAction();
        if (s == null) {
            o.putNull("save_action");
        } else {
            ObjectNode sn = o.putObject("save_action");
            sn.put("playbook", s.getPlaybook());
            sn.put("summary", s.getSummary());
            ArrayNode steps = sn.putArray("steps");
            s.getSteps().forEach(steps::add);
            sn.put("owner", s.getOwner());
            sn.put(
                    "callback_by",
                    s.getCallbackBy() == null ? null : s.getCallbackBy().toString());
            if (s.getCallbackBy() != null) {
                sn.put("callback_by_text", text.when(s.getCallbackBy()));
            }
            if (s.getCompensationMinor() != null) {
                sn.put("compensation_minor", s.getCompensationMinor());
            }
            sn.put("currency", s.getCurrency());
            if (s.getCompensationMinor() != null) {
                sn.put("compensation", AlertText.money(s.getCompensationMinor(), s.getCurrency()));
            }
            sn.put("offer", s.getOffer());
            sn.put(
                    "follow_up_at",
                    s.getFollowUpAt() == null ? null : s.getFollowUpAt().toString());
            if (s.getFollowUpAt() != null) {
                sn.put("follow_up_at_text", text.when(s.getFollowUpAt()));
            }
        }
        return o;
    }
}
