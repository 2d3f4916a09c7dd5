package io.churnwatch.schemas.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Writes an Avro record as a JSON object by walking its schema: fields in schema order, null optional
 * fields left out, timestamps as ISO-8601 with Z, dates as YYYY-MM-DD, decimals as exact JSON numbers.
 */
final class RecordToJson {

    private static final JsonNodeFactory NODES = JsonSupport.MAPPER.getNodeFactory();

    private RecordToJson() {}

    static ObjectNode write(IndexedRecord record) {
        return writeRecord(record, SpecificData.getForClass(record.getClass()));
    }

    private static ObjectNode writeRecord(IndexedRecord record, GenericData model) {
        ObjectNode object = NODES.objectNode();
        for (Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value != null) {
                object.set(field.name(), writeValue(value, field.schema(), model));
            }
        }
        return object;
    }

    private static JsonNode writeValue(Object value, Schema schema, GenericData model) {
        if (value == null) {
            return NODES.nullNode();
        }
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType instanceof LogicalTypes.TimestampMillis
                || logicalType instanceof LogicalTypes.TimestampMicros) {
            Instant instant = value instanceof Instant i ? i : Instant.ofEpochMilli((Long) value);
            return NODES.textNode(DateTimeFormatter.ISO_INSTANT.format(instant));
        }
        if (logicalType instanceof LogicalTypes.Date) {
            LocalDate date = value instanceof LocalDate d ? d : LocalDate.ofEpochDay((Integer) value);
            return NODES.textNode(date.toString());
        }
        if (logicalType instanceof LogicalTypes.Decimal decimal) {
            BigDecimal number = value instanceof BigDecimal b
                    ? b
                    : new Conversions.DecimalConversion().fromBytes(((ByteBuffer) value).duplicate(), schema, decimal);
            return NODES.numberNode(number);
        }
        switch (schema.getType()) {
            case UNION: {
                List<Schema> nonNull = schema.getTypes().stream()
                        .filter(s -> s.getType() != Schema.Type.NULL)
                        .toList();
                Schema branch =
                        nonNull.size() == 1 ? nonNull.get(0) : schema.getTypes().get(model.resolveUnion(schema, value));
                return writeValue(value, branch, model);
            }
            case RECORD:
                return writeRecord((IndexedRecord) value, model);
            case ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (Object element : (Collection<?>) value) {
                    array.add(writeValue(element, schema.getElementType(), model));
                }
                return array;
            }
            case MAP: {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    object.set(entry.getKey().toString(), writeValue(entry.getValue(), schema.getValueType(), model));
                }
                return object;
            }
            case ENUM:
            case STRING:
                return NODES.textNode(value.toString());
            case BYTES: {
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case FIXED:
                return NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
            case INT:
                return NODES.numberNode((Integer) value);
            case LONG:
                return NODES.numberNode((Long) value);
            case FLOAT:
                return NODES.numberNode((Float) value);
            case DOUBLE:
                return NODES.numberNode((Double) value);
            case BOOLEAN:
                return NODES.booleanNode((Boolean) value);
            case NULL:
                return NODES.nullNode();
            default:
                throw new IllegalStateException("unhandled Avro type " + schema.getType());
        }
    }
}
