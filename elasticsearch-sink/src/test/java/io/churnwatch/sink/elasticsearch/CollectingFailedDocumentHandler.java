package io.churnwatch.sink.elasticsearch;

import java.util.ArrayList;
import java.util.List;

/** Keeps what the writer dead-letters, so that a test can look at it. */
public final class CollectingFailedDocumentHandler implements FailedDocumentHandler {

    private static final long serialVersionUID = 1L;

    final List<FailedDocument> failures = new ArrayList<>();

    @Override
    public void onFailedDocument(FailedDocument failure) {
        failures.add(failure);
    }
}
