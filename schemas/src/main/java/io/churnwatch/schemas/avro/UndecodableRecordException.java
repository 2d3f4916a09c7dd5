package io.churnwatch.schemas.avro;

/**
 * Bytes that are not a record this codec can read: a bad single-object marker, a truncated body,
 * or a schema fingerprint no released version has. The message says which and what to do; it never
 * includes the payload.
 */
public final class UndecodableRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a record could not be decoded; lets a dead-letter stage sort failures without parsing messages. */
    public enum Reason {
        /** Shorter than the 10-byte single-object header. */
        TRUNCATED_HEADER,
        /** The first two bytes are not the single-object marker C3 01. */
        BAD_MARKER,
        /** The fingerprint matches no released version of the expected record. */
        UNKNOWN_FINGERPRINT,
        /** The header is fine but the body is short, corrupt or cannot be resolved to the reader's schema. */
        BAD_BODY
    }

    private final Reason reason;
    private final String recordName;

    public UndecodableRecordException(Reason reason, String recordName, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.recordName = recordName;
    }

    public Reason reason() {
        return reason;
    }

    /** The record the codec expected, e.g. "OrderEvent". */
    public String recordName() {
        return recordName;
    }
}
