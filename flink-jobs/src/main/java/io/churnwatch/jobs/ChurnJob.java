package io.churnwatch.jobs;

import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.Incident;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.jobs.alert.CustomerRiskOperator;
import io.churnwatch.jobs.alert.CustomerSignal;
import io.churnwatch.jobs.detect.order.OrderDeadlinesFunction;
import io.churnwatch.jobs.detect.order.ShopEvent;
import io.churnwatch.jobs.detect.ticket.TicketSlaFunction;
import io.churnwatch.jobs.detect.trend.ComplaintDay;
import io.churnwatch.jobs.detect.trend.ComplaintTrendFunction;
import io.churnwatch.jobs.metrics.DetectionMetrics;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.RulesBroadcast;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The detection pipeline as a wiring diagram: typed, timestamped input streams in; incidents,
 * alerts and dead letters out. Where the inputs come from (Kafka, a recording, a generator in
 * memory) and where the outputs go (Kafka, Elasticsearch, files) is the caller's business, so the
 * live job, the replay and the tests all run exactly this.
 *
 * <p>Every stateful operator gets a stable {@code uid}: a savepoint taken from one version of the
 * job restores into the next only if these never change.
 */
public final class ChurnJob {

    /** The job's inputs, each already carrying event-time timestamps and watermarks. */
    public record Inputs(
            DataStream<OrderEvent> orders,
            DataStream<DeliveryEvent> deliveries,
            DataStream<SupportTicketEvent> tickets,
            DataStream<CustomerProfile> profiles,
            DataStream<String> rules) {}

    /**
     * What the job produces. Incidents come per detector, and customer alerts apart from operational
     * (complaint-trend) alerts: an operator reading a union has several input edges and cannot be chained to
     * the operators that feed it, so every record would be serialized and sent over the network. A caller that
     * sinks or maps each stream on its own keeps the work in the producing operator's thread (at SF 0.1 the
     * serialization of customer alerts was 14 % of the customer-risk operator's CPU).
     *
     * @param incidentsByDetector the order, ticket and complaint-trend detectors' incidents, in that order
     * @param complaintDays every day the complaint-trend detector judged, per category (the weekly report)
     */
    public record Outputs(
            List<DataStream<Incident>> incidentsByDetector,
            DataStream<ChurnAlert> customerAlerts,
            DataStream<ChurnAlert> operationalAlerts,
            DataStream<ComplaintDay> complaintDays,
            DataStream<DeadLetter> deadLetters) {

        /** Every detector's incidents in one stream, for callers that need them together and not fast. */
        public DataStream<Incident> incidents() {
            DataStream<Incident> first = incidentsByDetector.get(0);
            @SuppressWarnings("unchecked")
            DataStream<Incident>[] rest =
                    incidentsByDetector.subList(1, incidentsByDetector.size()).toArray(DataStream[]::new);
            return first.union(rest);
        }

        /** Both kinds of alert in one stream, for callers that need them together and not fast. */
        public DataStream<ChurnAlert> alerts() {
            return customerAlerts.union(operationalAlerts);
        }
    }

    private ChurnJob() {}

    public static Outputs detect(Inputs in, ChurnRules defaults) {
        BroadcastStream<String> rules = in.rules().broadcast(RulesBroadcast.DESCRIPTOR);

        // Each conversion runs at its input's parallelism, chained to it: a rebalance before the keyBy
        // would shuffle one order's events between channels and undo their order.
        DataStream<ShopEvent> shopEvents = in.orders()
                .map(ShopEvent::of)
                .returns(TypeInformation.of(ShopEvent.class))
                .name("Orders as shop events")
                .setParallelism(in.orders().getParallelism())
                .union(in.deliveries()
                        .map(ShopEvent::of)
                        .returns(TypeInformation.of(ShopEvent.class))
                        .name("Deliveries as shop events")
                        .setParallelism(in.deliveries().getParallelism()));
        SingleOutputStreamOperator<Incident> orderIncidents = shopEvents
                .keyBy(e -> e.orderId)
                .process(new OrderDeadlinesFunction(OrderDeadlinesFunction.DEFAULT_IDLE_TTL, defaults.grace()))
                .uid(OrderDeadlinesFunction.UID)
                .name(OrderDeadlinesFunction.NAME);

        SingleOutputStreamOperator<Incident> ticketIncidents = in.tickets()
                .keyBy(SupportTicketEvent::getTicketId)
                .connect(rules)
                .process(new TicketSlaFunction(defaults))
                .uid(TicketSlaFunction.UID)
                .name(TicketSlaFunction.NAME);

        SingleOutputStreamOperator<Incident> trendIncidents = in.tickets()
                // Only new tickets count towards a trend; the rest need not cross the network.
                .filter(t -> t.getType() == TicketEventType.OPENED)
                .name("New tickets")
                .setParallelism(in.tickets().getParallelism())
                .keyBy(ComplaintTrendFunction::categoryOf)
                .connect(rules)
                .process(new ComplaintTrendFunction(defaults))
                .uid(ComplaintTrendFunction.UID)
                .name(ComplaintTrendFunction.NAME);

        // Incidents and profiles meet per customer: the profile says what the customer is worth. Each
        // producer turns its own incidents into signals, chained to it, so an incident crosses the network
        // once; complaint spikes have no customer and never go there.
        DataStream<Incident> countedOrderIncidents = counted(orderIncidents, "Count order incidents");
        DataStream<Incident> countedTicketIncidents = counted(ticketIncidents, "Count ticket incidents");
        DataStream<CustomerSignal> signals = asSignals(countedOrderIncidents, "Order incidents as signals")
                .union(
                        asSignals(countedTicketIncidents, "Ticket incidents as signals"),
                        in.profiles()
                                .map(CustomerSignal::of)
                                .returns(TypeInformation.of(CustomerSignal.class))
                                .name("Profiles as signals")
                                .setParallelism(in.profiles().getParallelism()));
        SingleOutputStreamOperator<ChurnAlert> customerAlerts = signals.keyBy(CustomerSignal::getCustomerId)
                .connect(in.rules().broadcast())
                .transform(
                        CustomerRiskOperator.NAME,
                        TypeInformation.of(ChurnAlert.class),
                        new CustomerRiskOperator(defaults))
                .uid(CustomerRiskOperator.UID)
                .name(CustomerRiskOperator.NAME);

        // Each rules-reading operator reports a rejected update from its first subtask; one is enough.
        DataStream<DeadLetter> rejectedRules = ticketIncidents.getSideOutput(RulesBroadcast.REJECTED);

        return new Outputs(
                List.of(
                        countedOrderIncidents,
                        countedTicketIncidents,
                        counted(trendIncidents, "Count complaint-trend incidents")),
                countedAlerts(customerAlerts, "Count customer alerts"),
                countedAlerts(
                        trendIncidents.getSideOutput(ComplaintTrendFunction.OPERATIONAL_ALERTS),
                        "Count operational alerts"),
                trendIncidents.getSideOutput(ComplaintTrendFunction.COMPLAINT_DAYS),
                rejectedRules);
    }

    // Business metrics (docs/metrics.md), counted chained to each producer: no state, no uid, no network.
    private static DataStream<Incident> counted(DataStream<Incident> incidents, String name) {
        return incidents
                .map(DetectionMetrics.countIncidents())
                .returns(Incident.class)
                .name(name)
                .setParallelism(incidents.getParallelism());
    }

    private static DataStream<ChurnAlert> countedAlerts(DataStream<ChurnAlert> alerts, String name) {
        return alerts.map(DetectionMetrics.countAlerts())
                .returns(ChurnAlert.class)
                .name(name)
                .setParallelism(alerts.getParallelism());
    }

    private static DataStream<CustomerSignal> asSignals(DataStream<Incident> incidents, String name) {
        return incidents
                .filter(i -> i.getCustomerId() != null)
                .name("Customer incidents")
                .setParallelism(incidents.getParallelism())
                .map(CustomerSignal::of)
                .returns(TypeInformation.of(CustomerSignal.class))
                .name(name)
                .setParallelism(incidents.getParallelism());
    }
}
