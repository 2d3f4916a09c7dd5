package io.churnwatch.schemas.avro;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/** One released version of a record's schema, as kept under {@code released/<RecordName>/v<N>.avsc}. */
public record ReleasedSchema(String recordName, int version, Schema schema) {

    public ReleasedSchema {
        Objects.requireNonNull(recordName, "recordName");
        Objects.requireNonNull(schema, "schema");
        if (version < 1) {
            throw new IllegalArgumentException("schema versions start at 1, got " + version);
        }
    }

    /** The CRC-64-AVRO fingerprint that single-object encoding writes in front of each record. */
    public long fingerprint() {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** "v2", as people write it. */
    public String label() {
        return "v" + version;
    }
}
