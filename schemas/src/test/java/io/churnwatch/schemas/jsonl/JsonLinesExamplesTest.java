package io.churnwatch.schemas.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.PromiseKind;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.events.TicketPriority;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLinesExamplesTest {

    private final EventLineParser parser = new EventLineParser();

    private static Path examples() throws URISyntaxException {
        return Path.of(
                JsonLinesExamplesTest.class.getResource("/examples.jsonl").toURI());
    }

    @Test
    void handWrittenExamplesParseOnePerStreamSkippingCommentsAndBlankLines() throws Exception {
        List<StreamEvent> events = JsonLinesReader.readAll(examples());

        assertThat(events)
                .extracting(StreamEvent::stream)
                .containsExactly(EventStream.ORDERS, EventStream.DELIVERIES, EventStream.TICKETS, EventStream.PROFILES);
        assertThat(events).extracting(StreamEvent::lineNumber).containsExactly(2L, 4L, 5L, 6L);

        OrderEvent order = events.get(0).recordAs(OrderEvent.class);
        assertThat(order.getPromisedShipBy()).isEqualTo(Instant.parse("2026-11-22T09:15:00Z"));
        assertThat(order.getAmountMinor()).isEqualTo(12345L);

        DeliveryEvent delivery = events.get(1).recordAs(DeliveryEvent.class);
        assertThat(delivery.getStatus()).isEqualTo(DeliveryStatus.DISPATCHED);
        assertThat(delivery.getEventTime()).isEqualTo(Instant.parse("2026-11-21T13:02:00Z"));
        assertThat(delivery.getPromisedDeliveryBy()).isNull();

        SupportTicketEvent ticket = events.get(2).recordAs(SupportTicketEvent.class);
        assertThat(ticket.getType()).isEqualTo(TicketEventType.PROMISE_MADE);
        assertThat(ticket.getPriority()).isEqualTo(TicketPriority.HIGH);
        assertThat(ticket.getPromise().getKind()).isEqualTo(PromiseKind.CALLBACK);
        assertThat(ticket.getPromise().getDueAt()).isEqualTo(Instant.parse("2026-11-26T14:30:00Z"));
        assertThat(ticket.getEventId()).startsWith("tickets-").hasSize("tickets-".length() + 20);

        CustomerProfile profile = events.get(3).recordAs(CustomerProfile.class);
        assertThat(profile.getTier()).isEqualTo(CustomerTier.PLATINUM);
        assertThat(profile.getLifetimeValue()).isEqualTo(new BigDecimal("1234.50"));
        assertThat(profile.getSignupDate()).isEqualTo(LocalDate.of(2019, 2, 28));
    }

    @Test
    void acceptsEnumSymbolsInAnyCase() {
        String base = "{\"stream\":\"deliveries\",\"event_id\":\"e\",\"order_id\":\"o\",\"shipment_id\":\"s\","
                + "\"customer_id\":\"c\",\"event_time\":\"2026-11-23T10:00:00Z\",\"status\":";

        for (String spelling : List.of("\"out_for_delivery\"", "\"Out_For_Delivery\"", "\"OUT_FOR_DELIVERY\"")) {
            assertThat(parser.parse(base + spelling + "}", 1))
                    .get()
                    .extracting(e -> e.recordAs(DeliveryEvent.class).getStatus())
                    .isEqualTo(DeliveryStatus.OUT_FOR_DELIVERY);
        }
    }

    @Test
    void fillsDefaultsForOmittedOptionalFields() {
        SupportTicketEvent ticket = parser.parse(
                        "{\"stream\":\"tickets\",\"event_id\":\"e\",\"ticket_id\":\"t\","
                                + "\"customer_id\":\"c\",\"type\":\"OPENED\",\"event_time\":\"2026-11-23T10:00:00Z\"}",
                        1)
                .orElseThrow()
                .recordAs(SupportTicketEvent.class);

        assertThat(ticket.getPriority()).isEqualTo(TicketPriority.NORMAL);
        assertThat(ticket.getOrderId()).isNull();
        assertThat(ticket.getPromise()).isNull();
    }

    @Test
    void acceptsDecimalsAsStringsAndPadsThemToTheSchemaScale() {
        String line = "{\"stream\":\"profiles\",\"customer_id\":\"c\",\"tier\":\"gold\",\"lifetime_value\":%s,"
                + "\"updated_at\":\"2026-11-23T10:00:00Z\"}";

        assertThat(parser.parse(line.formatted("\"1234.5\""), 1)
                        .orElseThrow()
                        .recordAs(CustomerProfile.class)
                        .getLifetimeValue())
                .hasToString("1234.50");
        assertThat(parser.parse(line.formatted("99"), 1)
                        .orElseThrow()
                        .recordAs(CustomerProfile.class)
                        .getLifetimeValue())
                .hasToString("99.00");
    }

    @Test
    void derivesTheSameEventIdForTheSameEventHoweverItIsSpelled() {
        String compact = "{\"stream\":\"orders\",\"order_id\":\"o-1\",\"customer_id\":\"c-1\",\"type\":\"PLACED\","
                + "\"event_time\":\"2026-11-23T10:00:00Z\"}";
        String spelledDifferently = "{ \"type\": \"placed\", \"event_time\": \"2026-11-23T11:00:00+01:00\","
                + " \"customer_id\": \"c-1\", \"order_id\": \"o-1\", \"stream\": \"orders\" }";
        String otherOrder = compact.replace("o-1", "o-2");

        String id = parser.parse(compact, 1)
                .orElseThrow()
                .recordAs(OrderEvent.class)
                .getEventId();

        assertThat(id).matches("orders-[0-9a-f]{20}");
        assertThat(parser.parse(spelledDifferently, 7)
                        .orElseThrow()
                        .recordAs(OrderEvent.class)
                        .getEventId())
                .isEqualTo(id);
        assertThat(parser.parse(otherOrder, 1)
                        .orElseThrow()
                        .recordAs(OrderEvent.class)
                        .getEventId())
                .isNotEqualTo(id);
        assertThat(EventIds.derive(
                        EventStream.ORDERS,
                        parser.parse(compact, 1).orElseThrow().record()))
                .isEqualTo(id);
    }

    @Test
    void keepsAnExplicitEventId() {
        assertThat(parser.parse(
                                "{\"stream\":\"orders\",\"event_id\":\"mine\",\"order_id\":\"o-1\",\"customer_id\":\"c-1\","
                                        + "\"type\":\"PLACED\",\"event_time\":\"2026-11-23T10:00:00Z\"}",
                                1)
                        .orElseThrow()
                        .recordAs(OrderEvent.class)
                        .getEventId())
                .isEqualTo("mine");
    }

    @Test
    void skipsBlankLinesCommentsAndAByteOrderMark() {
        assertThat(parser.parse("", 1)).isEqualTo(Optional.empty());
        assertThat(parser.parse("   \t", 2)).isEmpty();
        assertThat(parser.parse("  # a comment", 3)).isEmpty();
        assertThat(parser.parse("\uFEFF# a comment after a BOM", 1)).isEmpty();
    }

    @Test
    void readsAsAStreamOfEvents() throws IOException {
        try (JsonLinesReader reader = JsonLinesReader.of(new StringReader(
                "{\"stream\":\"profiles\",\"customer_id\":\"c\",\"tier\":\"BASIC\",\"lifetime_value\":0,"
                        + "\"updated_at\":\"2026-11-23T10:00:00Z\"}\n"))) {
            assertThat(reader.stream().map(StreamEvent::stream)).containsExactly(EventStream.PROFILES);
        }
    }
}
