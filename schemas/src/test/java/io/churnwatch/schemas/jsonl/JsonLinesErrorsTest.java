package io.churnwatch.schemas.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesErrorsTest {

    private static final String ORDER = "{\"stream\":\"orders\",\"event_id\":\"e-1\",\"order_id\":\"o-1\","
            + "\"customer_id\":\"c-1\",\"type\":\"PLACED\",\"event_time\":\"2026-11-23T10:00:00Z\"";

    private final EventLineParser parser = new EventLineParser();

    private JsonLinesException errorFor(String line, long lineNumber) {
        try {
            parser.parse(line, lineNumber);
        } catch (JsonLinesException e) {
            return e;
        }
        throw new AssertionError("expected line to be rejected: " + line);
    }

    @Test
    void namesLineAndFieldOfABadTimestamp() {
        JsonLinesException error = errorFor(ORDER + ",\"promised_ship_by\":\"2026-13-01\"}", 12);

        assertThat(error)
                .hasMessage("line 12, field 'promised_ship_by': expected an ISO-8601 UTC timestamp like "
                        + "2026-11-23T10:00:00Z, got \"2026-13-01\"");
        assertThat(error.lineNumber()).isEqualTo(12);
        assertThat(error.field()).hasValue("promised_ship_by");
    }

    @Test
    void saysWhatARequiredTimestampNeedsWhenItIsNull() {
        assertThat(errorFor(ORDER.replace("\"2026-11-23T10:00:00Z\"", "null") + "}", 5))
                .hasMessage(
                        "line 5, field 'event_time': expected an ISO-8601 UTC timestamp like 2026-11-23T10:00:00Z, got null");
    }

    @Test
    void rejectsATimestampWithoutAZoneRatherThanGuessingOne() {
        assertThat(errorFor(ORDER.replace("10:00:00Z", "10:00:00") + "}", 3))
                .hasMessage("line 3, field 'event_time': expected an ISO-8601 UTC timestamp like 2026-11-23T10:00:00Z, "
                        + "got \"2026-11-23T10:00:00\"");
    }

    @Test
    void suggestsTheFieldAnUnknownFieldWasProbablyMeantToBe() {
        JsonLinesException error = errorFor(ORDER + ",\"promised_shipby\":\"2026-11-24T10:00:00Z\"}", 4);

        assertThat(error)
                .hasMessage(
                        "line 4: unknown field 'promised_shipby' for stream orders (did you mean 'promised_ship_by'?)");
        assertThat(error.field()).hasValue("promised_shipby");
    }

    @Test
    void namesTheNestedPathOfAnUnknownOrBadField() {
        String ticket = "{\"stream\":\"tickets\",\"ticket_id\":\"t\",\"customer_id\":\"c\",\"type\":\"PROMISE_MADE\","
                + "\"event_time\":\"2026-11-23T10:00:00Z\",\"promise\":";

        assertThat(errorFor(ticket + "{\"promise_id\":\"p\",\"kind\":\"CALLBACK\",\"due\":\"x\"}}", 5))
                .hasMessage("line 5: unknown field 'promise.due' for stream tickets");
        assertThat(errorFor(ticket + "{\"promise_id\":\"p\",\"kind\":\"CALLBAK\"}}", 6))
                .hasMessage("line 6, field 'promise.kind': expected one of CALLBACK, REFUND, REPLACEMENT, FIX, OTHER, "
                        + "got \"CALLBAK\" (did you mean CALLBACK?)");
    }

    @Test
    void namesAMissingRequiredField() {
        JsonLinesException error = errorFor(ORDER.replace(",\"customer_id\":\"c-1\"", "") + "}", 8);

        assertThat(error).hasMessage("line 8, field 'customer_id': missing required field");
    }

    @Test
    void namesAWrongType() {
        assertThat(errorFor(ORDER + ",\"amount_minor\":\"12.50\"}", 9))
                .hasMessage("line 9, field 'amount_minor': expected a whole number (long), got \"12.50\"");
        assertThat(errorFor(ORDER.replace("\"o-1\"", "17") + "}", 10))
                .hasMessage("line 10, field 'order_id': expected a string, got 17");
        assertThat(errorFor(ORDER.replace("\"o-1\"", "null") + "}", 11))
                .hasMessage("line 11, field 'order_id': expected a string, got null");
    }

    @Test
    void namesABadDateAndATooPreciseDecimal() {
        String profile =
                "{\"stream\":\"profiles\",\"customer_id\":\"c\",\"tier\":\"GOLD\",\"updated_at\":\"2026-11-23T10:00:00Z\",";

        assertThat(errorFor(profile + "\"lifetime_value\":1,\"signup_date\":\"23.11.2026\"}", 2))
                .hasMessage("line 2, field 'signup_date': expected a date like 2026-11-23, got \"23.11.2026\"");
        assertThat(errorFor(profile + "\"lifetime_value\":10.005}", 3))
                .hasMessage("line 3, field 'lifetime_value': has more than 2 decimal places: 10.005");
        assertThat(errorFor(profile + "\"lifetime_value\":\"ten\"}", 4))
                .hasMessage("line 4, field 'lifetime_value': expected a decimal number like 1234.50, got \"ten\"");
    }

    @Test
    void namesAnUnknownOrMissingStream() {
        assertThat(errorFor(ORDER.replace("\"orders\"", "\"order\"") + "}", 1))
                .hasMessage("line 1, field 'stream': unknown stream 'order' (did you mean 'orders'?); "
                        + "known streams: orders, deliveries, tickets, profiles");
        assertThat(errorFor("{\"order_id\":\"o-1\"}", 2))
                .hasMessage("line 2: missing field 'stream' (one of orders, deliveries, tickets, profiles)");
    }

    @Test
    void namesTheColumnOfInvalidJson() {
        JsonLinesException error = errorFor("{\"stream\":\"orders\", \"order_id\": o-1}", 7);

        // Jackson reports where it stopped reading, one past the token's first character.
        assertThat(error.getMessage()).startsWith("line 7: invalid JSON at column 34: Unrecognized token 'o'");
        assertThat(error.field()).isEmpty();
    }

    @Test
    void rejectsDuplicateKeysTrailingContentAndNonObjects() {
        assertThat(errorFor(ORDER + ",\"order_id\":\"o-2\"}", 1).getMessage())
                .startsWith("line 1: invalid JSON at column")
                .contains("Duplicate field 'order_id'");
        assertThat(errorFor(ORDER + "} {}", 2).getMessage()).startsWith("line 2: invalid JSON at column");
        assertThat(errorFor("[1, 2]", 3)).hasMessage("line 3: expected one JSON object per line, got array");
    }

    @Test
    void strictReaderStopsAtTheFirstBadLineNamingTheFile() {
        JsonLinesReader reader =
                JsonLinesReader.of(new StringReader(ORDER + "}\n\n" + ORDER + ",\"type\":1}\n"), "scenario.jsonl");

        assertThatThrownBy(reader::readAll)
                .isInstanceOf(JsonLinesException.class)
                .hasMessageStartingWith("scenario.jsonl: line 3: invalid JSON at column");
    }

    @Test
    void lenientReaderCollectsBadLinesAndKeepsGoing() {
        String input = String.join(
                "\n",
                "# scenario",
                ORDER + "}",
                ORDER.replace("\"PLACED\"", "\"SHIPPD\"") + "}",
                "not json",
                ORDER.replace("e-1", "e-2") + "}");
        List<BadLine> seen = new ArrayList<>();
        JsonLinesReader reader = JsonLinesReader.of(new StringReader(input)).lenient(seen::add);

        List<StreamEvent> events = reader.readAll();

        assertThat(events).extracting(StreamEvent::lineNumber).containsExactly(2L, 5L);
        assertThat(reader.badLines()).isEqualTo(seen);
        assertThat(seen).extracting(BadLine::lineNumber).containsExactly(3L, 4L);
        assertThat(seen.get(0).message())
                .isEqualTo("line 3, field 'type': expected one of PLACED, CONFIRMED, SHIPPED, "
                        + "CANCELLED, REFUND_REQUESTED, RETURN_REQUESTED, got \"SHIPPD\" (did you mean SHIPPED?)");
        assertThat(seen.get(1).text()).isEqualTo("not json");
    }

    @Test
    void lenientReaderDeadLettersALineThatIsNotUtf8AndReadsTheRest(@TempDir Path dir) throws Exception {
        // "Café" in Latin-1: E9 is not a UTF-8 character on its own. It used to end the whole replay with
        // a MalformedInputException ("cannot read ... after line N") from the reader's decoder.
        byte[] latin1 = (ORDER.replace("e-1", "e-2") + ",\"currency\":\"EUR\",\"item_count\":1}")
                .replace("\"e-2\"", "\"Caf\u00e9\"")
                .getBytes(StandardCharsets.ISO_8859_1);
        String good1 = ORDER + "}";
        String good2 = ORDER.replace("e-1", "e-3") + "}";
        Path clean = Files.writeString(dir.resolve("clean.jsonl"), good1 + "\n" + good2 + "\n");
        ByteArrayOutputStream dirty = new ByteArrayOutputStream();
        dirty.writeBytes((good1 + "\n").getBytes(StandardCharsets.UTF_8));
        dirty.writeBytes(latin1);
        dirty.writeBytes(("\n" + good2 + "\n").getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("shop.jsonl"), dirty.toByteArray());

        List<BadLine> seen = new ArrayList<>();
        List<StreamEvent> events;
        try (JsonLinesReader reader = JsonLinesReader.open(file).lenient(seen::add)) {
            events = reader.readAll();
        }

        assertThat(events).extracting(StreamEvent::lineNumber).containsExactly(1L, 3L);
        assertThat(events)
                .extracting(StreamEvent::record)
                .isEqualTo(JsonLinesReader.readAll(clean).stream()
                        .map(StreamEvent::record)
                        .toList());
        assertThat(seen).singleElement().satisfies(bad -> {
            assertThat(bad.lineNumber()).isEqualTo(2);
            assertThat(bad.error().lineNumber()).isEqualTo(2);
            assertThat(bad.error().source()).hasValue("shop.jsonl");
            assertThat(bad.message())
                    .startsWith("shop.jsonl: line 2: not valid UTF-8: byte E9 at byte ")
                    .contains("cannot be decoded");
            assertThat(bad.bytes()).as("kept as it was, for the dead letter").isEqualTo(latin1);
            assertThat(bad.text()).contains("Caf\uFFFD");
        });
    }

    @Test
    void strictReaderNamesTheLineThatIsNotUtf8() {
        byte[] input =
                (ORDER + "}\n{\"stream\":\"orders\",\"event_id\":\"\u00ff\"}\n").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> JsonLinesReader.of(new ByteArrayInputStream(input), "stdin")
                        .readAll())
                .isInstanceOf(JsonLinesException.class)
                .hasMessageStartingWith("stdin: line 2: not valid UTF-8: byte FF at byte 32 of the line");
    }

    @Test
    void bytesAreSplitIntoLinesAsTextIs() {
        // LF, CRLF and a lone CR end a line, as BufferedReader.readLine() has it, so line numbers agree.
        String input = "# one\r\n" + ORDER + "}\r" + "\n" + "\r" + ORDER.replace("e-1", "e-2") + "}";
        List<Long> fromText = JsonLinesReader.of(new StringReader(input)).readAll().stream()
                .map(StreamEvent::lineNumber)
                .toList();
        List<Long> fromBytes =
                JsonLinesReader.of(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "in")
                        .readAll()
                        .stream()
                        .map(StreamEvent::lineNumber)
                        .toList();

        assertThat(fromBytes).isEqualTo(fromText).containsExactly(2L, 4L);
    }

    @Test
    void suggestsOnlyPlausibleTypos() {
        assertThat(Suggestions.closest("promised_shipby", List.of("promised_ship_by", "promised_delivery_by")))
                .hasValue("promised_ship_by");
        assertThat(Suggestions.closest("colour", List.of("category", "channel")))
                .isEmpty();
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}
