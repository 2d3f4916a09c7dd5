package io.churnwatch.sink.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

/**
 * Writes the documents buffered at a checkpoint in an explicit, versioned format, so that a
 * savepoint survives changes to {@link IndexDocument} and to the Flink and Kryo versions.
 *
 * <p>Format version 1, per document: index (UTF), id (UTF), operation code (byte: 1 upsert,
 * 2 index; codes, not ordinals, so reordering the enum cannot corrupt old state), external
 * version (long, -1 for none), source length (int) and source bytes. The base class frames the
 * list and each entry's size.
 */
public class IndexDocumentStateSerializer extends AsyncSinkWriterStateSerializer<IndexDocument> {

    static final int VERSION_1 = 1;
    private static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    /**
     * The base class ignores the version it is given, so the check lives here: reading a state
     * written by a newer release must fail loudly instead of misreading bytes.
     */
    @Override
    public BufferedRequestState<IndexDocument> deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown Elasticsearch sink state version " + version
                    + "; this release reads version " + VERSION_1
                    + ". Restore from a savepoint taken by a compatible release.");
        }
        return super.deserialize(version, serialized);
    }

    @Override
    protected void serializeRequestToStream(IndexDocument document, DataOutputStream out) throws IOException {
        out.writeUTF(document.index());
        out.writeUTF(document.id());
        out.writeByte(codeOf(document.operation()));
        out.writeLong(document.version());
        out.writeInt(document.json().length);
        out.write(document.json());
    }

    @Override
    protected IndexDocument deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        String index = in.readUTF();
        String id = in.readUTF();
        IndexDocument.Operation operation = operationOf(in.readByte(), index, id);
        long version = in.readLong();
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("Negative source length " + length + " for document " + index + "/" + id);
        }
        byte[] json = new byte[length];
        in.readFully(json);
        return IndexDocument.of(index, id, json, operation, version);
    }

    private static int codeOf(IndexDocument.Operation operation) {
        switch (operation) {
            case UPSERT:
                return 1;
            case INDEX:
                return 2;
            default:
                throw new IllegalStateException("No state code for " + operation);
        }
    }

    private static IndexDocument.Operation operationOf(int code, String index, String id) throws IOException {
        switch (code) {
            case 1:
                return IndexDocument.Operation.UPSERT;
            case 2:
                return IndexDocument.Operation.INDEX;
            default:
                throw new IOException("Unknown operation code " + code + " for document " + index + "/" + id);
        }
    }
}
