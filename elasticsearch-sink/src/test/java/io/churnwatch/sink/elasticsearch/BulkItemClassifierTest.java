package io.churnwatch.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BulkItemClassifierTest {

    private static final byte[] JSON = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    private static final IndexDocument UPSERT = IndexDocument.upsert("churn-alerts", "a-1", JSON);
    private static final IndexDocument VERSIONED = IndexDocument.indexVersioned("churn-alerts", "a-1", JSON, 3);

    @ParameterizedTest(name = "status {0} with error={1} -> {2}")
    @CsvSource({
        "200, false, WRITTEN",
        "201, false, WRITTEN",
        "429, true, RETRY",
        "500, true, RETRY",
        "503, true, RETRY",
        "408, true, RETRY",
        "409, true, RETRY",
        "400, true, DEAD_LETTER",
        "404, true, DEAD_LETTER",
        "403, true, DEAD_LETTER",
        "413, true, DEAD_LETTER",
        "200, true, DEAD_LETTER",
    })
    void classifiesAnUnversionedUpsertByStatus(int status, boolean hasError, ItemOutcome expected) {
        assertThat(BulkItemClassifier.classify(UPSERT, status, hasError)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "status {0} -> {1}")
    @CsvSource({
        "201, WRITTEN",
        "409, ALREADY_NEWER",
        "429, RETRY",
        "502, RETRY",
        "400, DEAD_LETTER",
    })
    void treatsAVersionConflictOnAVersionedDocumentAsAlreadyNewer(int status, ItemOutcome expected) {
        assertThat(BulkItemClassifier.classify(VERSIONED, status, status >= 300))
                .isEqualTo(expected);
    }
}
