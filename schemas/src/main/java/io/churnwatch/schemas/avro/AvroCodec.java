package io.churnwatch.schemas.avro;

import static io.churnwatch.schemas.avro.UndecodableRecordException.Reason.BAD_BODY;
import static io.churnwatch.schemas.avro.UndecodableRecordException.Reason.BAD_MARKER;
import static io.churnwatch.schemas.avro.UndecodableRecordException.Reason.TRUNCATED_HEADER;
import static io.churnwatch.schemas.avro.UndecodableRecordException.Reason.UNKNOWN_FINGERPRINT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes one record type in Avro's single-object encoding (marker C3 01, 8-byte little-endian
 * CRC-64-AVRO fingerprint of the writer schema, then the binary body), and decodes records written
 * with any released version of that type's schema into the current generated class.
 *
 * <p>Thread-safe: Avro's {@link BinaryMessageEncoder} and {@link BinaryMessageDecoder} are, and this
 * class adds no mutable state, so one instance can be shared. Build it once per operator or client,
 * not per record: construction parses every released schema.
 *
 * <p>Serializable for Flink: only the record class travels; the encoder and decoder are rebuilt on
 * arrival. {@link #forClassName(String, ClassLoader)} rebuilds one from a configured class name.
 */
public final class AvroCodec<T extends SpecificRecord> implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private final Class<T> type;
    private final transient Schema schema;
    private final transient Map<Long, String> knownVersions;
    private final transient BinaryMessageEncoder<T> encoder;
    private final transient BinaryMessageDecoder<T> decoder;

    private AvroCodec(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.schema = SpecificData.get().getSchema(type);
        // The generated class's own model carries its logical-type conversions (Instant, BigDecimal, LocalDate).
        SpecificData model = SpecificData.getForClass(type);
        List<ReleasedSchema> released = ReleasedSchemas.of(schema.getName(), type.getClassLoader());
        SchemaStore.Cache store = new SchemaStore.Cache();
        Map<Long, String> versions = new LinkedHashMap<>();
        for (ReleasedSchema version : released) {
            store.addSchema(version.schema());
            versions.put(version.fingerprint(), version.label());
        }
        // An unreleased current schema still decodes what this process writes; SchemaFilesTest fails the build for it.
        versions.putIfAbsent(SchemaNormalization.parsingFingerprint64(schema), "current (unreleased)");
        this.knownVersions = Map.copyOf(versions);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, store);
    }

    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        return new AvroCodec<>(type);
    }

    /** For configuration that names the record class, e.g. "io.churnwatch.events.OrderEvent". */
    public static AvroCodec<? extends SpecificRecord> forClassName(String className, ClassLoader classLoader) {
        try {
            Class<?> type = Class.forName(className, true, classLoader);
            if (!SpecificRecord.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(className + " is not a generated Avro record (SpecificRecord)");
            }
            return new AvroCodec<>(type.asSubclass(SpecificRecord.class));
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("record class " + className + " is not on the classpath", e);
        }
    }

    public Class<T> type() {
        return type;
    }

    /** The current (reader and writer) schema. */
    public Schema schema() {
        return schema;
    }

    public byte[] encode(T record) {
        Objects.requireNonNull(record, "record");
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            encoder.encode(record, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + schema.getName(), e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a record written with any released version of this type's schema.
     *
     * @throws UndecodableRecordException if the bytes are not such a record
     */
    public T decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        String name = schema.getName();
        if (bytes.length < HEADER_LENGTH) {
            throw new UndecodableRecordException(
                    TRUNCATED_HEADER,
                    name,
                    String.format(
                            "%d bytes are too short for a %s: single-object encoding needs a %d-byte header (marker C3 01 + fingerprint)",
                            bytes.length, name, HEADER_LENGTH),
                    null);
        }
        if (bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new UndecodableRecordException(
                    BAD_MARKER,
                    name,
                    String.format(
                            "not an Avro single-object record: expected marker C3 01 for %s, found %02X %02X "
                                    + "(was it written as JSON, or with another serializer such as Confluent's, whose records start with 00?)",
                            name, bytes[0], bytes[1]),
                    null);
        }
        long fingerprint =
                ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String version = knownVersions.get(fingerprint);
        if (version == null) {
            throw new UndecodableRecordException(
                    UNKNOWN_FINGERPRINT, name, unknownFingerprintMessage(fingerprint), null);
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new UndecodableRecordException(
                    BAD_BODY,
                    name,
                    String.format(
                            "%s %s record of %d bytes has a truncated or corrupt body: %s",
                            name, version, bytes.length, e),
                    e);
        }
    }

    private String unknownFingerprintMessage(long fingerprint) {
        String known = knownVersions.entrySet().stream()
                .map(e -> e.getValue() + String.format(" (0x%016x)", e.getKey()))
                .sorted()
                .collect(Collectors.joining(", "));
        String other = ReleasedSchemas.findByFingerprint(fingerprint, type.getClassLoader())
                .map(r -> String.format(
                        "; it is a %s %s record: was it read from the wrong topic?", r.recordName(), r.label()))
                .orElse(
                        "; it was written with a schema that was never released (see docs/event-contract.md, releasing a version)");
        return String.format(
                "unknown schema fingerprint 0x%016x for %s; known versions: %s%s",
                fingerprint, schema.getName(), known, other);
    }

    // Only the class is serialized; Avro's encoder and decoder are rebuilt where the codec lands.
    private Object readResolve() {
        return new AvroCodec<>(type);
    }

    @Override
    public String toString() {
        return "AvroCodec[" + type.getName() + "]";
    }
}
