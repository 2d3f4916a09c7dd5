package io.churnwatch.backtest.olist;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The five order-level Olist tables, read with a real CSV parser: review comments hold quoted line
 * breaks, and the original release quotes headers and ids where the re-saved copy does not. Each
 * table is {@code NAME.csv.gz} or {@code NAME.csv} in one folder; columns are found by name.
 */
public record OlistTables(
        List<Order> orders, List<Item> items, List<Payment> payments, List<Review> reviews, List<Customer> customers) {

    public record Order(
            String orderId,
            String customerId,
            String status,
            Instant purchasedAt,
            Instant approvedAt,
            Instant carrierAt,
            Instant deliveredAt,
            Instant promisedDeliveryBy) {}

    public record Item(String orderId, Instant shippingLimit, BigDecimal price, BigDecimal freight) {}

    public record Payment(String orderId, BigDecimal value) {}

    public record Review(String reviewId, String orderId, int score, String title, String message, Instant createdAt) {}

    public record Customer(String customerId, String uniqueId, String state) {}

    public static final String ORDERS = "olist_orders_dataset";
    public static final String ITEMS = "olist_order_items_dataset";
    public static final String PAYMENTS = "olist_order_payments_dataset";
    public static final String REVIEWS = "olist_order_reviews_dataset";
    public static final String CUSTOMERS = "olist_customers_dataset";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(false)
            .get();

    public static OlistTables read(Path folder) throws IOException {
        return new OlistTables(
                read(folder, ORDERS, OlistTables::order),
                read(folder, ITEMS, OlistTables::item),
                read(folder, PAYMENTS, OlistTables::payment),
                read(folder, REVIEWS, OlistTables::review),
                read(folder, CUSTOMERS, OlistTables::customer));
    }

    private interface RowMapper<T> {
        T map(CSVRecord row);
    }

    private static <T> List<T> read(Path folder, String table, RowMapper<T> mapper) throws IOException {
        Path gz = folder.resolve(table + ".csv.gz");
        Path plain = folder.resolve(table + ".csv");
        Path file = Files.exists(gz) ? gz : plain;
        if (!Files.exists(file)) {
            throw new IOException("Olist table " + table + " not found: expected " + gz + " or " + plain);
        }
        List<T> rows = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file == gz ? new GZIPInputStream(raw, 1 << 16) : raw;
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                CSVParser parser =
                        CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            for (CSVRecord row : parser) {
                try {
                    rows.add(mapper.map(row));
                } catch (IllegalArgumentException e) {
                    throw new IOException(
                            file.getFileName() + " record " + row.getRecordNumber() + ": " + e.getMessage(), e);
                }
            }
        }
        return rows;
    }

    private static Order order(CSVRecord r) {
        return new Order(
                r.get("order_id"),
                r.get("customer_id"),
                r.get("order_status"),
                OlistTime.parse(r.get("order_purchase_timestamp"), "order_purchase_timestamp"),
                OlistTime.parse(r.get("order_approved_at"), "order_approved_at"),
                OlistTime.parse(r.get("order_delivered_carrier_date"), "order_delivered_carrier_date"),
                OlistTime.parse(r.get("order_delivered_customer_date"), "order_delivered_customer_date"),
                OlistTime.endOfDay(r.get("order_estimated_delivery_date"), "order_estimated_delivery_date"));
    }

    private static Item item(CSVRecord r) {
        return new Item(
                r.get("order_id"),
                OlistTime.parse(r.get("shipping_limit_date"), "shipping_limit_date"),
                money(r.get("price"), "price"),
                money(r.get("freight_value"), "freight_value"));
    }

    private static Payment payment(CSVRecord r) {
        return new Payment(r.get("order_id"), money(r.get("payment_value"), "payment_value"));
    }

    private static Review review(CSVRecord r) {
        String score = r.get("review_score").strip();
        try {
            return new Review(
                    r.get("review_id"),
                    r.get("order_id"),
                    Integer.parseInt(score),
                    r.get("review_comment_title"),
                    r.get("review_comment_message"),
                    OlistTime.parse(r.get("review_creation_date"), "review_creation_date"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("review_score: expected 1 to 5, got \"" + score + "\"", e);
        }
    }

    private static Customer customer(CSVRecord r) {
        return new Customer(r.get("customer_id"), r.get("customer_unique_id"), r.get("customer_state"));
    }

    private static BigDecimal money(String text, String column) {
        if (text == null || text.isBlank()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + ": expected a number, got \"" + text + "\"", e);
        }
    }
}
