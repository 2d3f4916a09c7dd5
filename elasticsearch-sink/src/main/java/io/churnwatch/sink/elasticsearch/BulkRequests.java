package io.churnwatch.sink.elasticsearch;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Turns buffered documents into one bulk request, passing their JSON through unparsed. */
final class BulkRequests {

    private static final byte[] UPSERT_PREFIX = "{\"doc\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UPSERT_SUFFIX = ",\"doc_as_upsert\":true}".getBytes(StandardCharsets.UTF_8);

    /** Two updates of one document in one bulk can conflict; ES settles that itself this often. */
    private static final int RETRY_ON_CONFLICT = 3;

    private BulkRequests() {}

    static BulkRequest of(List<IndexDocument> documents) {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (IndexDocument document : documents) {
            bulk.operations(operation(document));
        }
        return bulk.build();
    }

    static BulkOperation operation(IndexDocument document) {
        switch (document.operation()) {
            case UPSERT:
                return BulkOperation.of(op -> op.update(update -> update.index(document.index())
                        .id(document.id())
                        .retryOnConflict(RETRY_ON_CONFLICT)
                        .binaryAction(BinaryData.of(upsertAction(document.json()), ContentType.APPLICATION_JSON))));
            case INDEX:
                return BulkOperation.of(op -> op.index(index -> {
                    index.index(document.index())
                            .id(document.id())
                            .document(BinaryData.of(document.json(), ContentType.APPLICATION_JSON));
                    if (document.isVersioned()) {
                        index.version(document.version()).versionType(VersionType.External);
                    }
                    return index;
                }));
            default:
                throw new IllegalArgumentException("Unsupported operation " + document.operation());
        }
    }

    /** {@code {"doc": <json>, "doc_as_upsert": true}}, built from bytes to avoid a parse. */
    private static byte[] upsertAction(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 32);
        out.writeBytes(UPSERT_PREFIX);
        out.writeBytes(json);
        out.writeBytes(UPSERT_SUFFIX);
        return out.toByteArray();
    }
}
