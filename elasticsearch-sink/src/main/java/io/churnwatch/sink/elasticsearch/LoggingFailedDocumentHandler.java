package io.churnwatch.sink.elasticsearch;

import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link FailedDocumentHandler}: logs each rejected document by index and id (never
 * its source) and counts it in the {@value #COUNTER} metric.
 */
public class LoggingFailedDocumentHandler implements FailedDocumentHandler {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LoggingFailedDocumentHandler.class);

    public static final String COUNTER = "numDocumentsRejected";

    private transient Counter rejected;

    @Override
    public void open(WriterInitContext context) {
        rejected = context.metricGroup().counter(COUNTER);
    }

    @Override
    public void onFailedDocument(FailedDocument failure) {
        if (rejected != null) {
            rejected.inc();
        }
        LOG.warn("Dropping document: {}", failure.describe());
    }
}
