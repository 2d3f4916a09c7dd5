package io.churnwatch.backtest.olist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.backtest.Outcome;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.events.TicketPriority;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer on small hand-made Olist tables. */
class OlistImporterTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writeTables() throws IOException {
        // o-1: delivered late by one repeat customer (u-1 has two customer_ids); o-2: cancelled; o-3: no items,
        // unavailable.
        table(OlistTables.ORDERS, """
                order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date
                o-1,c-a,delivered,2017-07-09 21:57:05,2017-07-09 22:10:13,2017-07-11 14:58:04,2017-08-02 10:57:55,2017-08-01 00:00:00
                o-2,c-b,canceled,2017-09-01 10:00:00,2017-09-01 11:00:00,,,2017-09-20 00:00:00
                "o-3","c-c",unavailable,2017-09-05 08:00:00,,,,2017-09-25 00:00:00
                """);
        table(OlistTables.ITEMS, """
                order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value
                o-1,1,p-1,s-1,2017-07-14 22:10:13,99.9,10.1
                o-1,2,p-2,s-2,2017-07-13 22:10:13,20.00,5.00
                o-2,1,p-1,s-1,2017-09-30 12:00:00,50.0,10.0
                """);
        table(OlistTables.PAYMENTS, """
                order_id,payment_sequential,payment_type,payment_installments,payment_value
                o-1,1,credit_card,2,100.00
                o-1,2,voucher,1,35.0
                """);
        table(OlistTables.REVIEWS, """
                review_id,order_id,review_score,review_comment_title,review_comment_message,review_creation_date,review_answer_timestamp
                r-1,o-1,1,Não chegou,"Péssimo, ainda não
                recebi o resto",2017-08-03 00:00:00,2017-08-04 10:00:00
                r-2,o-2,4,,Quero o estorno do valor,2017-09-10 00:00:00,2017-09-11 10:00:00
                r-3,o-3,5,,Tudo certo,2017-09-26 00:00:00,2017-09-27 10:00:00
                """);
        table(OlistTables.CUSTOMERS, """
                customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state
                c-a,u-1,09790,sao bernardo do campo,SP
                c-b,u-1,09790,sao bernardo do campo,SP
                c-c,u-2,01000,sao paulo,SP
                """);
    }

    @Test
    void placesOrdersWithPromisesInBrazilianTimeForTheUniqueCustomer() throws IOException {
        List<SpecificRecord> events =
                OlistImporter.convert(OlistTables.read(dir)).events();

        OrderEvent placed = order(events, "o-1", OrderEventType.PLACED);
        assertThat(placed.getCustomerId()).isEqualTo("u-1");
        assertThat(placed.getEventTime())
                .as("21:57 in Sao Paulo (UTC-3)")
                .isEqualTo(Instant.parse("2017-07-10T00:57:05Z"));
        assertThat(placed.getPromisedDeliveryBy())
                .as("the whole estimated day")
                .isEqualTo(Instant.parse("2017-08-02T02:59:59.999Z"));
        assertThat(placed.getPromisedShipBy())
                .as("the earliest item limit")
                .isEqualTo(Instant.parse("2017-07-14T01:10:13Z"));
        assertThat(placed.getAmountMinor()).as("payments").isEqualTo(13_500L);
        assertThat(placed.getCurrency()).isEqualTo("BRL");
        assertThat(placed.getItemCount()).isEqualTo(2);
        assertThat(order(events, "o-1", OrderEventType.SHIPPED).getEventTime())
                .isEqualTo(Instant.parse("2017-07-11T17:58:04Z"));
        DeliveryEvent delivered = events.stream()
                .filter(DeliveryEvent.class::isInstance)
                .map(DeliveryEvent.class::cast)
                .filter(d -> d.getOrderId().equals("o-1"))
                .findFirst()
                .orElseThrow();
        assertThat(delivered.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivered.getEventTime()).isEqualTo(Instant.parse("2017-08-02T13:57:55Z"));
    }

    @Test
    void valuesAnOrderWithoutPaymentsByItsItemsAndCapsShipByAtTheDeliveryPromise() throws IOException {
        List<SpecificRecord> events =
                OlistImporter.convert(OlistTables.read(dir)).events();

        OrderEvent placed = order(events, "o-2", OrderEventType.PLACED);
        assertThat(placed.getAmountMinor()).isEqualTo(6_000L);
        assertThat(placed.getPromisedShipBy()).isEqualTo(placed.getPromisedDeliveryBy());
        OrderEvent noItems = order(events, "o-3", OrderEventType.PLACED);
        assertThat(noItems.getPromisedShipBy()).isNull();
        assertThat(noItems.getAmountMinor()).isNull();
    }

    @Test
    void cancelsAtTheLatestTimeTheOrderCarries() throws IOException {
        List<SpecificRecord> events =
                OlistImporter.convert(OlistTables.read(dir)).events();

        assertThat(order(events, "o-2", OrderEventType.CANCELLED).getEventTime())
                .as("approval")
                .isEqualTo(Instant.parse("2017-09-01T14:00:00Z"));
        assertThat(order(events, "o-3", OrderEventType.CANCELLED).getEventTime())
                .as("purchase, the only time it has")
                .isEqualTo(Instant.parse("2017-09-05T11:00:00Z"));
        assertThat(events.stream()
                        .filter(OrderEvent.class::isInstance)
                        .map(OrderEvent.class::cast)
                        .filter(o -> o.getOrderId().equals("o-1") && o.getType() == OrderEventType.CANCELLED))
                .isEmpty();
    }

    @Test
    void turnsComplaintReviewsIntoTicketsAndBadReviewsIntoOutcomes() throws IOException {
        OlistImporter.Result result = OlistImporter.convert(OlistTables.read(dir));
        List<SupportTicketEvent> tickets = result.events().stream()
                .filter(SupportTicketEvent.class::isInstance)
                .map(SupportTicketEvent.class::cast)
                .toList();

        assertThat(tickets)
                .extracting(SupportTicketEvent::getTicketId, SupportTicketEvent::getType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("review-r-1-o-1", TicketEventType.OPENED),
                        org.assertj.core.groups.Tuple.tuple("review-r-1-o-1", TicketEventType.CLOSED),
                        org.assertj.core.groups.Tuple.tuple("review-r-2-o-2", TicketEventType.OPENED),
                        org.assertj.core.groups.Tuple.tuple("review-r-2-o-2", TicketEventType.CLOSED));
        assertThat(tickets.get(0).getCategory()).isEqualTo("complaint");
        assertThat(tickets.get(0).getPriority()).isEqualTo(TicketPriority.HIGH);
        assertThat(tickets.get(0).getEventTime()).isEqualTo(Instant.parse("2017-08-03T03:00:00Z"));
        assertThat(tickets.get(2).getCategory())
                .as("asks for a refund, though 4 stars")
                .isEqualTo("cancellation");
        assertThat(result.outcomes())
                .filteredOn(o -> o.kind().equals(Outcome.BAD_REVIEW))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.customerId()).isEqualTo("u-1");
                    assertThat(o.orderId()).isEqualTo("o-1");
                    assertThat(o.refs()).contains("review-r-1-o-1");
                });
        assertThat(result.outcomes())
                .filteredOn(o -> o.kind().equals(Outcome.REPEAT_ORDER))
                .extracting(Outcome::orderId)
                .containsExactly("o-2");
    }

    @Test
    void profilesCountWhatTheCustomerSpentUntilACancellationTakesItBack() throws IOException {
        List<CustomerProfile> profiles = OlistImporter.convert(OlistTables.read(dir)).events().stream()
                .filter(CustomerProfile.class::isInstance)
                .map(CustomerProfile.class::cast)
                .filter(p -> p.getCustomerId().equals("u-1"))
                .toList();

        assertThat(profiles)
                .extracting(CustomerProfile::getLifetimeValue)
                .containsExactly(new BigDecimal("135.00"), new BigDecimal("195.00"), new BigDecimal("135.00"));
        assertThat(profiles).extracting(CustomerProfile::getRegion).containsOnly("SP");
    }

    @Test
    void eventsComeInEventTimeOrder() throws IOException {
        List<SpecificRecord> events =
                OlistImporter.convert(OlistTables.read(dir)).events();

        assertThat(events)
                .extracting(e -> io.churnwatch.schemas.jsonl.EventStream.eventTimeOf(e))
                .isSorted();
    }

    @Test
    void namesTheFileAndRecordOfABadValue() throws IOException {
        table(OlistTables.PAYMENTS, """
                order_id,payment_sequential,payment_type,payment_installments,payment_value
                o-1,1,credit_card,2,ten
                """);

        assertThatThrownBy(() -> OlistTables.read(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("olist_order_payments_dataset.csv record 1: payment_value");
    }

    private void table(String name, String csv) throws IOException {
        Files.writeString(dir.resolve(name + ".csv"), csv.replace("\n", "\r\n"));
    }

    private static OrderEvent order(List<SpecificRecord> events, String orderId, OrderEventType type) {
        return events.stream()
                .filter(OrderEvent.class::isInstance)
                .map(OrderEvent.class::cast)
                .filter(o -> o.getOrderId().equals(orderId) && o.getType() == type)
                .findFirst()
                .orElseThrow();
    }
}
