package io.churnwatch.jobs.index;

import io.churnwatch.events.DeadLetter;
import io.churnwatch.sink.elasticsearch.FailedDocument;
import io.churnwatch.sink.elasticsearch.FailedDocumentHandler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Words a rejected document as a {@link DeadLetter} for {@code churn-dlq}, so that a
 * {@link FailedDocumentHandler} that produces to Kafka needs no Elasticsearch knowledge. Kept
 * apart from the sink classes, which know nothing of ChurnWatch's events.
 */
public final class ElasticsearchDeadLetters {

    public static final String STAGE = "elasticsearch";

    private ElasticsearchDeadLetters() {}

    /** Key is the document id, payload its JSON source, reason what Elasticsearch said. */
    public static DeadLetter of(FailedDocument failure) {
        return DeadLetter.newBuilder()
                .setStage(STAGE)
                .setReason(failure.describe())
                .setKey(ByteBuffer.wrap(failure.id().getBytes(StandardCharsets.UTF_8)))
                .setPayload(ByteBuffer.wrap(failure.document().json()))
                .setContentType("application/json")
                .setAttempts(1)
                .setFailedAt(failure.failedAt())
                .build();
    }
}
