package io.churnwatch.schemas.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds a generated Avro record from a JSON object by walking the record's schema, so a field added
 * to an .avsc is read without code changes. Conventions: see docs/event-contract.md.
 */
final class RecordFromJson {

    private static final String TIMESTAMP_EXAMPLE = "2026-11-23T10:00:00Z";
    private static final int MAX_SHOWN_VALUE = 60;

    private final SpecificData model;
    private final String owner;

    /**
     * @param owner how unknown-field messages name the thing being read, e.g. "stream orders"
     */
    RecordFromJson(Class<? extends SpecificRecord> type, String owner) {
        this.model = SpecificData.getForClass(type);
        this.owner = owner;
    }

    SpecificRecord read(JsonNode node, Schema schema) {
        return readRecord(node, schema, "");
    }

    private SpecificRecord readRecord(JsonNode node, Schema schema, String path) {
        if (!node.isObject()) {
            throw JsonFieldException.at(path.isEmpty() ? schema.getName() : path, expected("an object", node));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null) {
                String fieldPath = join(path, name);
                List<String> known =
                        schema.getFields().stream().map(Field::name).toList();
                throw new JsonFieldException(
                        fieldPath,
                        "unknown field '" + fieldPath + "' for " + owner + Suggestions.didYouMean(name, known, "'"),
                        true);
            }
        }
        SpecificRecord record = (SpecificRecord) model.newRecord(null, schema);
        for (Field field : schema.getFields()) {
            String fieldPath = join(path, field.name());
            JsonNode value = node.get(field.name());
            if (value == null) {
                if (!field.hasDefaultValue()) {
                    throw JsonFieldException.at(fieldPath, "missing required field");
                }
                // Defaults are cached and shared by Avro; copy so records never share a mutable list or map.
                record.put(field.pos(), model.deepCopy(field.schema(), model.getDefaultValue(field)));
            } else {
                record.put(field.pos(), readValue(value, field.schema(), fieldPath));
            }
        }
        return record;
    }

    private Object readValue(JsonNode node, Schema schema, String path) {
        LogicalType logicalType = schema.getLogicalType();
        // A JSON null reaches here only for a non-nullable field; the logical reader then says what was expected.
        if (logicalType != null) {
            Object logical = readLogical(node, schema, logicalType, path);
            if (logical != null) {
                return logical;
            }
        }
        switch (schema.getType()) {
            case UNION:
                return readUnion(node, schema, path);
            case RECORD:
                return readRecord(node, schema, path);
            case ENUM:
                return readEnum(node, schema, path);
            case ARRAY: {
                if (!node.isArray()) {
                    throw JsonFieldException.at(path, expected("an array", node));
                }
                List<Object> list = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    list.add(readValue(node.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                return list;
            }
            case MAP: {
                if (!node.isObject()) {
                    throw JsonFieldException.at(path, expected("an object", node));
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    map.put(
                            entry.getKey(),
                            readValue(entry.getValue(), schema.getValueType(), path + "." + entry.getKey()));
                }
                return map;
            }
            case STRING:
                if (!node.isTextual()) {
                    throw JsonFieldException.at(path, expected("a string", node));
                }
                return node.textValue();
            case BYTES:
                return ByteBuffer.wrap(base64(node, path));
            case FIXED:
                return model.createFixed(null, base64(node, path), schema);
            case INT:
                if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                    throw JsonFieldException.at(path, expected("a whole number (int)", node));
                }
                return node.intValue();
            case LONG:
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw JsonFieldException.at(path, expected("a whole number (long)", node));
                }
                return node.longValue();
            case FLOAT:
                if (!node.isNumber()) {
                    throw JsonFieldException.at(path, expected("a number", node));
                }
                return node.floatValue();
            case DOUBLE:
                if (!node.isNumber()) {
                    throw JsonFieldException.at(path, expected("a number", node));
                }
                return node.doubleValue();
            case BOOLEAN:
                if (!node.isBoolean()) {
                    throw JsonFieldException.at(path, expected("true or false", node));
                }
                return node.booleanValue();
            case NULL:
                if (!node.isNull()) {
                    throw JsonFieldException.at(path, expected("null", node));
                }
                return null;
            default:
                throw new IllegalStateException("unhandled Avro type " + schema.getType());
        }
    }

    /** Returns null when the logical type is not one this reader knows; the base type is read instead. */
    private Object readLogical(JsonNode node, Schema schema, LogicalType logicalType, String path) {
        if (logicalType instanceof LogicalTypes.TimestampMillis) {
            return timestamp(node, path).truncatedTo(ChronoUnit.MILLIS);
        }
        if (logicalType instanceof LogicalTypes.TimestampMicros) {
            return timestamp(node, path).truncatedTo(ChronoUnit.MICROS);
        }
        if (logicalType instanceof LogicalTypes.Date) {
            if (node.isTextual()) {
                try {
                    return LocalDate.parse(node.textValue(), DateTimeFormatter.ISO_LOCAL_DATE);
                } catch (DateTimeParseException e) {
                    // fall through to the message below
                }
            }
            throw JsonFieldException.at(path, expected("a date like 2026-11-23", node));
        }
        if (logicalType instanceof LogicalTypes.Decimal decimal) {
            return decimal(node, decimal, path);
        }
        return null;
    }

    private static Instant timestamp(JsonNode node, String path) {
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant();
            } catch (DateTimeParseException e) {
                // fall through to the message below
            }
        }
        throw JsonFieldException.at(path, expected("an ISO-8601 UTC timestamp like " + TIMESTAMP_EXAMPLE, node));
    }

    private static BigDecimal decimal(JsonNode node, LogicalTypes.Decimal type, String path) {
        BigDecimal value;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual()) {
            try {
                value = new BigDecimal(node.textValue().strip());
            } catch (NumberFormatException e) {
                throw JsonFieldException.at(path, expected("a decimal number like 1234.50", node));
            }
        } else {
            throw JsonFieldException.at(path, expected("a decimal number like 1234.50", node));
        }
        BigDecimal scaled;
        try {
            scaled = value.setScale(type.getScale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw JsonFieldException.at(
                    path, "has more than " + type.getScale() + " decimal places: " + value.toPlainString());
        }
        if (scaled.precision() > type.getPrecision()) {
            throw JsonFieldException.at(
                    path, "has more than " + type.getPrecision() + " significant digits: " + value.toPlainString());
        }
        return scaled;
    }

    private Object readUnion(JsonNode node, Schema union, String path) {
        List<Schema> branches = union.getTypes();
        if (node.isNull()) {
            if (branches.stream().anyMatch(s -> s.getType() == Schema.Type.NULL)) {
                return null;
            }
            throw JsonFieldException.at(path, expected(describe(union), node));
        }
        List<Schema> nonNull =
                branches.stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        if (nonNull.size() == 1) {
            return readValue(node, nonNull.get(0), path);
        }
        // A general union has no tag in this JSON form: take the first branch the value fits.
        for (Schema branch : nonNull) {
            try {
                return readValue(node, branch, path);
            } catch (JsonFieldException e) {
                // try the next branch
            }
        }
        throw JsonFieldException.at(path, expected(describe(union), node));
    }

    private Object readEnum(JsonNode node, Schema schema, String path) {
        List<String> symbols = schema.getEnumSymbols();
        if (node.isTextual()) {
            String text = node.textValue().strip();
            for (String symbol : symbols) {
                if (symbol.equalsIgnoreCase(text)) {
                    return model.createEnum(symbol, schema);
                }
            }
            throw JsonFieldException.at(
                    path,
                    "expected one of " + String.join(", ", symbols) + ", got " + show(node)
                            + Suggestions.didYouMean(text, symbols, ""));
        }
        throw JsonFieldException.at(path, expected("one of " + String.join(", ", symbols), node));
    }

    private static byte[] base64(JsonNode node, String path) {
        if (node.isTextual()) {
            try {
                return Base64.getDecoder().decode(node.textValue());
            } catch (IllegalArgumentException e) {
                // fall through to the message below
            }
        }
        throw JsonFieldException.at(path, expected("base64 text", node));
    }

    private static String describe(Schema union) {
        return union.getTypes().stream().map(Schema::getName).collect(Collectors.joining(" or "));
    }

    private static String expected(String what, JsonNode got) {
        return "expected " + what + ", got " + show(got);
    }

    private static String show(JsonNode node) {
        String text = node.toString();
        return text.length() <= MAX_SHOWN_VALUE ? text : text.substring(0, MAX_SHOWN_VALUE) + "...";
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
