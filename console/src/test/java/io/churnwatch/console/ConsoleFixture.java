package io.churnwatch.console;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.churnwatch.alerting.nflog.ElasticsearchNotificationLog;
import io.churnwatch.alerting.nflog.NotificationRecord;
import io.churnwatch.devstack.DevStack;
import io.churnwatch.events.AlertReason;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.SaveAction;
import io.churnwatch.jobs.detect.trend.ComplaintDay;
import io.churnwatch.jobs.index.AlertDocuments;
import io.churnwatch.jobs.index.ComplaintDayDocuments;
import io.churnwatch.jobs.index.IncidentDocuments;
import io.churnwatch.jobs.index.IndexTemplates;
import io.churnwatch.schemas.kafka.AvroSerializer;
import io.churnwatch.schemas.kafka.Topics;
import io.churnwatch.sink.elasticsearch.IndexDocument;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * A small shop's worth of alerts, incidents and notifications, written the way the jobs write them:
 * records through the detection job's own {@link AlertDocuments} / {@link IncidentDocuments} and
 * index templates, notifications through the delivery stage's {@link ElasticsearchNotificationLog},
 * and every alert revision on the {@code churn-alerts} topic.
 */
final class ConsoleFixture {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final String XSS = "<img src=x onerror=alert(1)>";
    static final String PLATINUM = "c-platinum-1";
    static final String GOLD = "c-gold-2";
    static final String BASIC = "c-basic-3";
    static final String RESOLVED = "c-resolved-5";
    static final String PASSWORD = "correct-horse-battery";

    final List<ChurnAlert> alerts = new ArrayList<>();

    static String alertId(String customer) {
        return "alert-" + customer.replaceAll("[^A-Za-z0-9-]", "_") + "-1";
    }

    static UsersFile users() {
        return UsersFile.parse(
                List.of(
                        UsersFile.line("maria", Role.AGENT, PASSWORD.toCharArray()),
                        UsersFile.line("bob", Role.AGENT, PASSWORD.toCharArray()),
                        UsersFile.line("vic", Role.VIEWER, PASSWORD.toCharArray()),
                        UsersFile.line("ada", Role.ADMIN, PASSWORD.toCharArray()),
                        // Only for the throttling test, which locks this name out.
                        UsersFile.line("lou", Role.VIEWER, PASSWORD.toCharArray())),
                "test users");
    }

    /** Empties the console's indices (the node is shared by every test class of the JVM) and seeds them. */
    static ConsoleFixture seed(DevStack stack) throws Exception {
        ElasticsearchClient client = stack.elasticsearch().client();
        RestClient rest =
                ((co.elastic.clients.transport.rest_client.RestClientTransport) client._transport()).restClient();
        // One by one: Elasticsearch 8 refuses wildcard deletes (action.destructive_requires_name).
        for (String index : List.of(
                ConsoleIndices.ALERTS,
                ConsoleIndices.INCIDENTS,
                ConsoleIndices.NOTIFICATIONS,
                ConsoleIndices.COMPLAINT_DAYS,
                ConsoleIndices.ACTIONS,
                ConsoleIndices.REVISIONS)) {
            rest.performRequest(new Request("DELETE", "/" + index + "?ignore_unavailable=true"));
        }
        IndexTemplates.withDefaults().install(client);
        ElasticsearchNotificationLog log = new ElasticsearchNotificationLog(client);
        log.installTemplate();
        stack.kafka().createPipelineTopics();

        ConsoleFixture f = new ConsoleFixture();
        Incident late = incident(
                "inc-late-1",
                IncidentKind.MISSED_DELIVERY,
                PLATINUM,
                "o-1001",
                null,
                Map.of("carrier", "DHL"),
                "Order o-1001 not delivered by its promised day (2 days late)",
                NOW.minus(Duration.ofHours(20)));
        Incident callback = incident(
                "inc-callback-1",
                IncidentKind.BROKEN_SUPPORT_PROMISE,
                PLATINUM,
                "o-1001",
                "t-77",
                Map.of("category", "delivery"),
                "Promised callback on ticket t-77 never came",
                NOW.minus(Duration.ofHours(3)));
        Incident reply = incident(
                "inc-reply-2",
                IncidentKind.FIRST_REPLY_SLA_BREACHED,
                GOLD,
                null,
                "t-88",
                Map.of("category", "billing", "priority", "HIGH"),
                "Ticket t-88 had no first reply within 4 h",
                NOW.minus(Duration.ofHours(5)));
        Incident ship = incident(
                "inc-ship-3",
                IncidentKind.MISSED_SHIP_BY,
                BASIC,
                "o-3003",
                null,
                Map.of(),
                "Order o-3003 not shipped by its ship-by date",
                NOW.minus(Duration.ofHours(8)));
        Incident xss = incident(
                "inc-xss-4",
                IncidentKind.DELIVERY_FAILED,
                XSS,
                "o-<b>4</b>",
                null,
                Map.of(),
                "Delivery failed for <script>alert(2)</script>",
                NOW.minus(Duration.ofHours(2)));
        Incident spike = incident(
                "inc-spike-1",
                IncidentKind.COMPLAINT_SPIKE,
                null,
                null,
                null,
                Map.of("category", "delivery", "tickets", "41"),
                "41 new delivery tickets, against a baseline of 12",
                NOW.minus(Duration.ofDays(1)));
        List<Incident> incidents = new ArrayList<>(List.of(late, callback, reply, ship, xss, spike));
        for (int week = 1; week <= 4; week++) {
            incidents.add(incident(
                    "inc-old-" + week,
                    IncidentKind.NEXT_REPLY_SLA_BREACHED,
                    "c-other-" + week,
                    null,
                    "t-9" + week,
                    Map.of("category", week % 2 == 0 ? "delivery" : "billing"),
                    "Ticket waited for a reply",
                    NOW.minus(Duration.ofDays(7L * week))));
        }

        ChurnAlert platinum0 = alert(
                PLATINUM,
                CustomerTier.PLATINUM,
                AlertSeverity.HIGH,
                610,
                6.1,
                0,
                List.of(late),
                AlertStatus.FIRING,
                save("platinum-personal-save", NOW.minus(Duration.ofHours(1)), 2500L));
        ChurnAlert platinum1 = alert(
                PLATINUM,
                CustomerTier.PLATINUM,
                AlertSeverity.CRITICAL,
                950,
                9.5,
                1,
                List.of(callback, late),
                AlertStatus.FIRING,
                save("platinum-personal-save", NOW.minus(Duration.ofHours(1)), 2500L));
        ChurnAlert gold = alert(
                GOLD,
                CustomerTier.GOLD,
                AlertSeverity.HIGH,
                600,
                6.0,
                0,
                List.of(reply),
                AlertStatus.FIRING,
                save("gold-callback", NOW.plus(Duration.ofHours(4)), 1000L));
        ChurnAlert basic = alert(
                BASIC,
                CustomerTier.BASIC,
                AlertSeverity.LOW,
                40,
                2.0,
                0,
                List.of(ship),
                AlertStatus.FIRING,
                save("apology-email", null, null));
        ChurnAlert hostile = alert(
                XSS,
                CustomerTier.STANDARD,
                AlertSeverity.MEDIUM,
                300,
                4.0,
                0,
                List.of(xss),
                AlertStatus.FIRING,
                save("standard-voucher", NOW.plus(Duration.ofDays(1)), 500L));
        ChurnAlert resolved = alert(
                RESOLVED,
                CustomerTier.GOLD,
                AlertSeverity.MEDIUM,
                5000,
                1.0,
                2,
                List.of(ship),
                AlertStatus.RESOLVED,
                null);
        f.alerts.addAll(List.of(platinum0, platinum1, gold, basic, hostile, resolved));

        AlertDocuments alertDocs = new AlertDocuments();
        IncidentDocuments incidentDocs = new IncidentDocuments();
        ComplaintDayDocuments complaintDayDocs = new ComplaintDayDocuments();
        for (Incident i : incidents) {
            put(rest, incidentDocs.toDocument(i));
        }
        for (ChurnAlert a : f.alerts) {
            put(rest, alertDocs.toDocument(a));
        }
        for (ComplaintDay day : complaintDays()) {
            put(rest, complaintDayDocs.toDocument(day));
        }
        put(rest, alertDocs.toDocument(spikeAlert()));
        log.record(new NotificationRecord(
                NotificationRecord.Kind.FINAL,
                "n-1",
                alertId(PLATINUM),
                List.of(alertId(PLATINUM)),
                "retention-pager",
                "pagerduty",
                NotificationRecord.Outcome.DELIVERED,
                2,
                420,
                NOW.minus(Duration.ofHours(2)),
                "dedup-1",
                "{customer_id=" + PLATINUM + "}",
                "202",
                "accepted on the second attempt"));
        log.record(new NotificationRecord(
                NotificationRecord.Kind.FINAL,
                "n-2",
                alertId(PLATINUM),
                List.of(alertId(PLATINUM)),
                "retention-slack",
                "slack",
                NotificationRecord.Outcome.DELIVERED,
                1,
                80,
                NOW.minus(Duration.ofMinutes(90)),
                "dedup-2",
                "{customer_id=" + PLATINUM + "}",
                "200",
                null));
        rest.performRequest(new Request("POST", "/churn-*/_refresh"));

        Map<String, Object> props = new HashMap<>(stack.kafka().clientProperties());
        try (KafkaProducer<String, ChurnAlert> producer =
                new KafkaProducer<>(props, new StringSerializer(), new AvroSerializer<>(ChurnAlert.class))) {
            for (ChurnAlert a : f.alerts) {
                producer.send(new ProducerRecord<>(Topics.CHURN_ALERTS.name(), a.getAlertId(), a))
                        .get();
            }
        }
        return f;
    }

    /**
     * More customers, so the worklist looks like a working day: deterministic, spread over tiers,
     * severities, regions and playbooks.
     */
    static List<ChurnAlert> more(DevStack stack, int n) throws Exception {
        RestClient rest = ((co.elastic.clients.transport.rest_client.RestClientTransport)
                        stack.elasticsearch().client()._transport())
                .restClient();
        CustomerTier[] tiers = CustomerTier.values();
        AlertSeverity[] severities = AlertSeverity.values();
        String[] regions = {"EU-West", "EU-North", "US-East", "APAC"};
        String[] playbooks = {"apology-email", "standard-voucher", "gold-callback", "platinum-personal-save"};
        IncidentKind[] kinds = {
            IncidentKind.MISSED_DELIVERY, IncidentKind.DELIVERY_AT_RISK, IncidentKind.FIRST_REPLY_SLA_BREACHED,
            IncidentKind.TICKET_REOPENED, IncidentKind.MISSED_SHIP_BY, IncidentKind.CHURN_INTENT
        };
        String[] summaries = {
            "Order o-%d not delivered by its promised day (1 day late)",
            "Parcel for order o-%d now expected 2 days after the promised day",
            "Ticket t-%d had no first reply within its 8 h SLA",
            "Ticket t-%d was reopened: the customer says the problem is back",
            "Order o-%d not shipped by its ship-by date",
            "Customer asked how to close the account on ticket t-%d"
        };
        List<ChurnAlert> out = new ArrayList<>();
        AlertDocuments docs = new AlertDocuments();
        IncidentDocuments incidentDocs = new IncidentDocuments();
        for (int i = 0; i < n; i++) {
            int k = (i * 7) % kinds.length;
            String customer = String.format("c-%05d", 10_000 + i * 37);
            int tier = (i * 3) % tiers.length;
            int sev = Math.min(3, (i * 5) % 4);
            double risk = 2.0 + (i * 13 % 70) / 10.0;
            double value = 150 + (i * 911 % 4000);
            Incident inc = incident(
                    "inc-more-" + i,
                    kinds[k],
                    customer,
                    k == 2 || k == 3 || k == 5 ? null : "o-" + (5000 + i),
                    k == 2 || k == 3 || k == 5 ? "t-" + (7000 + i) : null,
                    k == 2 || k == 3 ? Map.of("category", i % 2 == 0 ? "delivery" : "returns") : Map.of(),
                    String.format(summaries[k], k == 2 || k == 3 || k == 5 ? 7000 + i : 5000 + i),
                    NOW.minus(Duration.ofMinutes(20L + i * 47L)));
            ChurnAlert a = alert(
                    customer,
                    tiers[tier],
                    severities[sev],
                    Math.round(risk * value / 10.0),
                    risk,
                    0,
                    List.of(inc),
                    AlertStatus.FIRING,
                    save(
                            playbooks[tier],
                            i % 3 == 0 ? NOW.plus(Duration.ofHours(2 + i % 9)) : NOW.plus(Duration.ofDays(1)),
                            tier >= 2 ? 1000L * tier : null));
            a.setRegion(regions[i % regions.length]);
            a.setCustomerValue(BigDecimal.valueOf(Math.round(value * 100), 2));
            put(rest, incidentDocs.toDocument(inc));
            put(rest, docs.toDocument(a));
            out.add(a);
        }
        rest.performRequest(new Request("POST", "/churn-*/_refresh"));
        return out;
    }

    /** The day before {@link #NOW}: the newest day the detection job has judged. */
    static final LocalDate YESTERDAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(1);

    static final String SPIKE_ALERT = "operational:complaint-spike:delivery:" + YESTERDAY;

    /**
     * Nine weeks of judged days up to {@link #YESTERDAY}, as the detection job emits them: delivery 3 a
     * day and 41 (a spike) yesterday, billing 2 a day, returns 1 a day in the last week only.
     */
    static List<ComplaintDay> complaintDays() {
        List<ComplaintDay> days = new ArrayList<>();
        LocalDate first = ComplaintWeeks.firstDayToRead(YESTERDAY);
        for (LocalDate d = first; !d.isAfter(YESTERDAY); d = d.plusDays(1)) {
            boolean spike = d.equals(YESTERDAY);
            days.add(new ComplaintDay(
                    "delivery",
                    d.toEpochDay(),
                    spike ? 41 : 3,
                    3.0,
                    7,
                    true,
                    spike,
                    spike ? "COMPLAINT_SPIKE:delivery:" + d : null));
            days.add(new ComplaintDay("billing", d.toEpochDay(), 2, 2.0, 7, true, false, null));
            if (!d.isBefore(ComplaintWeeks.monday(YESTERDAY))) {
                days.add(new ComplaintDay("returns", d.toEpochDay(), 1, 0.0, 7, false, false, null));
            }
        }
        return days;
    }

    /** The firing operational alert of yesterday's delivery spike, as the detection job raises it. */
    static ChurnAlert spikeAlert() {
        Instant endOfDay =
                YESTERDAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
        return ChurnAlert.newBuilder()
                .setAlertId(SPIKE_ALERT)
                .setScope(AlertScope.OPERATIONAL)
                .setRiskScore(1.95)
                .setPriorityScore(1.95)
                .setSeverity(AlertSeverity.MEDIUM)
                .setStatus(AlertStatus.FIRING)
                .setReasons(List.of())
                .setFirstSeen(endOfDay)
                .setLastSeen(endOfDay)
                .setRevision(0)
                .setSaveAction(SaveAction.newBuilder()
                        .setPlaybook("complaint-spike")
                        .setSummary("Find out why delivery complaints jumped and get the cause fixed at its source.")
                        .setSteps(List.of("Read a sample of the day's delivery tickets"))
                        .setOwner("support operations lead")
                        .build())
                .build();
    }

    /** As the job's sink sends it: index with the revision as external version. */
    static void put(RestClient rest, IndexDocument doc) throws Exception {
        Request request = new Request(
                "PUT",
                "/" + doc.index() + "/_doc/" + java.net.URLEncoder.encode(doc.id(), StandardCharsets.UTF_8)
                        + (doc.isVersioned() ? "?version=" + doc.version() + "&version_type=external" : ""));
        request.setJsonEntity(new String(doc.json(), StandardCharsets.UTF_8));
        rest.performRequest(request);
    }

    static Incident incident(
            String id,
            IncidentKind kind,
            String customer,
            String order,
            String ticket,
            Map<String, String> attributes,
            String summary,
            Instant at) {
        return Incident.newBuilder()
                .setIncidentId(id)
                .setKind(kind)
                .setCustomerId(customer)
                .setOrderId(order)
                .setTicketId(ticket)
                .setDetectedAt(at)
                .setDeadline(at.minus(Duration.ofHours(2)))
                .setLateByMs(
                        kind == IncidentKind.MISSED_DELIVERY
                                ? Duration.ofDays(2).toMillis()
                                : null)
                .setEvidenceEventIds(List.of(id + "-ev-a", id + "-ev-b"))
                .setAttributes(attributes)
                .setSummary(summary)
                .build();
    }

    static SaveAction save(String playbook, Instant callbackBy, Long compensation) {
        return SaveAction.newBuilder()
                .setPlaybook(playbook)
                .setSummary("Call the customer, apologise and offer a goodwill credit")
                .setSteps(
                        List.of("Read the evidence below", "Call the customer", "Offer the credit", "Log the outcome"))
                .setOwner("senior retention representative")
                .setCallbackBy(callbackBy)
                .setCompensationMinor(compensation)
                .setCurrency(compensation == null ? null : "EUR")
                .setOffer(compensation == null ? null : "15% off the next order")
                .setFollowUpAt(NOW.plus(Duration.ofDays(3)))
                .build();
    }

    static ChurnAlert alert(
            String customer,
            CustomerTier tier,
            AlertSeverity severity,
            double priority,
            double risk,
            int revision,
            List<Incident> reasons,
            AlertStatus status,
            SaveAction save) {
        List<AlertReason> rs = new ArrayList<>();
        for (Incident i : reasons) {
            rs.add(AlertReason.newBuilder()
                    .setIncidentId(i.getIncidentId())
                    .setKind(i.getKind())
                    .setSummary(i.getSummary())
                    .setContribution(3.0)
                    .setOccurredAt(i.getDetectedAt())
                    .setOrderId(i.getOrderId())
                    .setTicketId(i.getTicketId())
                    .setEvidenceEventIds(i.getEvidenceEventIds())
                    .build());
        }
        return ChurnAlert.newBuilder()
                .setAlertId(alertId(customer))
                .setScope(AlertScope.CUSTOMER)
                .setCustomerId(customer)
                .setCustomerTier(tier)
                .setCustomerValue(new BigDecimal("1840.50"))
                .setRegion("EU-West")
                .setRiskScore(risk)
                .setPriorityScore(priority)
                .setSeverity(severity)
                .setStatus(status)
                .setReasons(rs)
                .setSaveAction(save)
                .setFirstSeen(NOW.minus(Duration.ofDays(1)))
                .setLastSeen(NOW.minus(Duration.ofHours(3 - Math.min(revision, 2))))
                .setRevision(revision)
                .build();
    }
}
