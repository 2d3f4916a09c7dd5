package io.churnwatch.sink.elasticsearch;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One document write for the sink: where it goes, its id, its JSON source and how to write it.
 *
 * <p>This is the sink's request entry, buffered and checkpointed by the base writer, so it holds
 * plain bytes rather than the client's {@code BulkOperation} (which is not serializable) and is
 * written to checkpoints by {@link IndexDocumentStateSerializer}, not by Kryo.
 */
public final class IndexDocument implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Marks a document written without an external version. */
    public static final long NO_VERSION = -1L;

    /** How the document is written. */
    public enum Operation {
        /** Partial update merged into the stored document, created if absent ({@code doc_as_upsert}). */
        UPSERT,
        /** Full replacement of the stored document, optionally guarded by an external version. */
        INDEX
    }

    private final String index;
    private final String id;
    private final byte[] json;
    private final Operation operation;
    private final long version;

    private IndexDocument(String index, String id, byte[] json, Operation operation, long version) {
        this.index = requireText(index, "index");
        this.id = requireText(id, "id");
        this.json = Objects.requireNonNull(json, "json");
        this.operation = Objects.requireNonNull(operation, "operation");
        if (version != NO_VERSION && version < 0) {
            throw new IllegalArgumentException("version must be >= 0, was " + version + " for id " + id);
        }
        if (version != NO_VERSION && operation != Operation.INDEX) {
            // Elasticsearch rejects external versions on the update API.
            throw new IllegalArgumentException("an external version needs Operation.INDEX, id " + id);
        }
        this.version = version;
    }

    /** Merges {@code json} into the document {@code id}, creating it if it does not exist yet. */
    public static IndexDocument upsert(String index, String id, byte[] json) {
        return new IndexDocument(index, id, json, Operation.UPSERT, NO_VERSION);
    }

    /** Replaces the document {@code id} with {@code json}. */
    public static IndexDocument index(String index, String id, byte[] json) {
        return new IndexDocument(index, id, json, Operation.INDEX, NO_VERSION);
    }

    /**
     * Replaces the document {@code id} with {@code json} only if {@code version} is greater than
     * the stored one ({@code version_type=external}), so a late, older revision never overwrites
     * a newer one.
     */
    public static IndexDocument indexVersioned(String index, String id, byte[] json, long version) {
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, was " + version + " for id " + id);
        }
        return new IndexDocument(index, id, json, Operation.INDEX, version);
    }

    static IndexDocument of(String index, String id, byte[] json, Operation operation, long version) {
        return new IndexDocument(index, id, json, operation, version);
    }

    public String index() {
        return index;
    }

    public String id() {
        return id;
    }

    /** The document source. Not copied: callers must not modify it. */
    public byte[] json() {
        return json;
    }

    public Operation operation() {
        return operation;
    }

    /** The external version, or {@link #NO_VERSION}. */
    public long version() {
        return version;
    }

    public boolean isVersioned() {
        return version != NO_VERSION;
    }

    /** Approximate bytes on the wire: the source plus the bulk action line. */
    public long sizeInBytes() {
        return json.length + index.length() + id.length() + 64L;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof IndexDocument)) {
            return false;
        }
        IndexDocument that = (IndexDocument) other;
        return version == that.version
                && index.equals(that.index)
                && id.equals(that.id)
                && operation == that.operation
                && Arrays.equals(json, that.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, id, operation, version, Arrays.hashCode(json));
    }

    /** Names the document, never its content: sources may hold customer data. */
    @Override
    public String toString() {
        return operation + " " + index + "/" + id + (isVersioned() ? " v" + version : "") + " (" + json.length
                + " bytes)";
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
