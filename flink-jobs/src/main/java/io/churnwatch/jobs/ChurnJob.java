package io.churnwatch.jobs;

import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.Incident;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.jobs.alert.CustomerRiskFunction;
import io.churnwatch.jobs.alert.CustomerSignal;
import io.churnwatch.jobs.detect.order.OrderDeadlinesFunction;
import io.churnwatch.jobs.detect.order.ShopEvent;
import io.churnwatch.jobs.detect.ticket.TicketSlaFunction;
import io.churnwatch.jobs.detect.trend.ComplaintTrendFunction;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.RulesBroadcast;
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
     * What the job produces. Customer alerts and operational (complaint-trend) alerts come apart: an
     * operator reading their union has two input edges and cannot be chained to the customer-risk operator,
     * so every customer alert would be serialized and sent over the network. A caller that sinks or
     * collects each stream on its own keeps the customer alerts in the risk operator's thread (at SF 0.1
     * this serialization was 14 % of that operator's CPU).
     */
    public record Outputs(DataStream<Incident> incidents, DataStream<ChurnAlert> customerAlerts,
            DataStream<ChurnAlert> operationalAlerts, DataStream<DeadLetter> deadLetters) {

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
                .map(ShopEvent::of).returns(TypeInformation.of(ShopEvent.class)).name("Orders as shop events")
                .setParallelism(in.orders().getParallelism())
                .union(in.deliveries()
                        .map(ShopEvent::of).returns(TypeInformation.of(ShopEvent.class)).name("Deliveries as shop events")
                        .setParallelism(in.deliveries().getParallelism()));
        SingleOutputStreamOperator<Incident> orderIncidents = shopEvents
                .keyBy(e -> e.orderId)
                .process(new OrderDeadlinesFunction())
                .uid(OrderDeadlinesFunction.UID).name(OrderDeadlinesFunction.NAME);

        SingleOutputStreamOperator<Incident> ticketIncidents = in.tickets()
                .keyBy(SupportTicketEvent::getTicketId)
                .connect(rules)
                .process(new TicketSlaFunction(defaults))
                .uid(TicketSlaFunction.UID).name(TicketSlaFunction.NAME);

        SingleOutputStreamOperator<Incident> trendIncidents = in.tickets()
                // Only new tickets count towards a trend; the rest need not cross the network.
                .filter(t -> t.getType() == TicketEventType.OPENED).name("New tickets")
                .setParallelism(in.tickets().getParallelism())
                .keyBy(ComplaintTrendFunction::categoryOf)
                .connect(rules)
                .process(new ComplaintTrendFunction(defaults))
                .uid(ComplaintTrendFunction.UID).name(ComplaintTrendFunction.NAME);

        DataStream<Incident> incidents = orderIncidents.union(ticketIncidents, trendIncidents);

        // Incidents and profiles meet per customer: the profile says what the customer is worth.
        DataStream<CustomerSignal> signals = incidents
                .filter(i -> i.getCustomerId() != null).name("Customer incidents")
                .map(CustomerSignal::of).returns(TypeInformation.of(CustomerSignal.class)).name("Incidents as signals")
                .union(in.profiles()
                        .map(CustomerSignal::of).returns(TypeInformation.of(CustomerSignal.class)).name("Profiles as signals")
                        .setParallelism(in.profiles().getParallelism()));
        SingleOutputStreamOperator<ChurnAlert> customerAlerts = signals
                .keyBy(CustomerSignal::getCustomerId)
                .connect(rules)
                .process(new CustomerRiskFunction(defaults))
                .uid(CustomerRiskFunction.UID).name(CustomerRiskFunction.NAME);

        // Each rules-reading operator reports a rejected update from its first subtask; one is enough.
        DataStream<DeadLetter> rejectedRules = ticketIncidents.getSideOutput(RulesBroadcast.REJECTED);

        return new Outputs(incidents, customerAlerts,
                trendIncidents.getSideOutput(ComplaintTrendFunction.OPERATIONAL_ALERTS), rejectedRules);
    }
}
