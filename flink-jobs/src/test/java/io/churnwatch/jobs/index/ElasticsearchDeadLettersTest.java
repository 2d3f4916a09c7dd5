package io.churnwatch.jobs.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeadLetter;
import io.churnwatch.sink.elasticsearch.FailedDocument;
import io.churnwatch.sink.elasticsearch.IndexDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ElasticsearchDeadLettersTest {

    private static final Instant REJECTED_AT = Instant.parse("2026-11-23T07:00:00Z");

    @Test
    void keepsTheDocumentAndWhatElasticsearchSaidAboutIt() {
        IndexDocument document = IndexDocument.index(
                "churn-incidents", "i-9", "{\"detected_at\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8));

        DeadLetter letter = ElasticsearchDeadLetters.of(new FailedDocument(
                document, 400, "document_parsing_exception", "failed to parse field [detected_at]", REJECTED_AT));

        assertThat(letter.getStage()).isEqualTo("elasticsearch");
        assertThat(letter.getReason())
                .isEqualTo("Elasticsearch rejected INDEX churn-incidents/i-9 with status 400"
                        + " (document_parsing_exception): failed to parse field [detected_at]");
        assertThat(StandardCharsets.UTF_8.decode(letter.getKey()).toString()).isEqualTo("i-9");
        assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString())
                .contains("yesterday");
        assertThat(letter.getContentType()).isEqualTo("application/json");
        assertThat(letter.getFailedAt()).isEqualTo(REJECTED_AT);
    }
}
