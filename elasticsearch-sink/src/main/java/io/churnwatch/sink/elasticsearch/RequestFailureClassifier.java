package io.churnwatch.sink.elasticsearch;

import java.net.UnknownHostException;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.apache.flink.connector.base.sink.throwable.FatalExceptionClassifier;
import org.apache.flink.util.ExceptionUtils;

/**
 * Decides what to do when a whole bulk request fails: retry (connection refused or reset,
 * timeouts, 429, 5xx: the cluster may come back) or fail the job at once with a message that
 * says what to fix. Named classifiers are chained, most specific first, as the AWS connectors do.
 */
final class RequestFailureClassifier {

    private final FatalExceptionClassifier chain;

    RequestFailureClassifier(String hosts) {
        this.chain = FatalExceptionClassifier.createChain(
                unknownHost(hosts),
                authenticationRejected(hosts),
                permissionDenied(hosts),
                requestTooLarge(hosts),
                requestRejected(hosts));
    }

    /**
     * True if the request should be sent again. Otherwise {@code onFatal} gets the exception
     * that fails the job.
     */
    boolean isRetryable(Throwable error, Consumer<Exception> onFatal) {
        // FatalExceptionClassifier.isFatal() reads backwards: it returns true when the error is
        // NOT fatal, after handing fatal ones to the consumer.
        return chain.isFatal(error, onFatal);
    }

    static FatalExceptionClassifier unknownHost(String hosts) {
        return new FatalExceptionClassifier(
                error -> ExceptionUtils.findThrowable(error, UnknownHostException.class)
                        .isPresent(),
                error -> new ElasticsearchSinkException(
                        "Cannot resolve the Elasticsearch host in " + hosts + "; check the sink's hosts setting",
                        error));
    }

    static FatalExceptionClassifier authenticationRejected(String hosts) {
        return new FatalExceptionClassifier(
                error -> statusIs(error, 401),
                error -> new ElasticsearchSinkException(
                        "Elasticsearch at " + hosts
                                + " rejected the sink's credentials (401); check the username and password,"
                                + " API key or bearer token the sink is configured with",
                        error));
    }

    static FatalExceptionClassifier permissionDenied(String hosts) {
        return new FatalExceptionClassifier(
                error -> statusIs(error, 403),
                error -> new ElasticsearchSinkException(
                        "Elasticsearch at " + hosts
                                + " denied the bulk request (403); the sink's user needs the index and"
                                + " create_index privileges on its target indices",
                        error));
    }

    static FatalExceptionClassifier requestTooLarge(String hosts) {
        return new FatalExceptionClassifier(
                error -> statusIs(error, 413),
                error -> new ElasticsearchSinkException(
                        "Elasticsearch at " + hosts
                                + " refused a bulk request as too large (413); lower the sink's"
                                + " maxBatchSizeInBytes below the cluster's http.max_content_length",
                        error));
    }

    /**
     * Any other 4xx on the request as a whole (not on an item) means the request itself is
     * wrong; sending it again cannot succeed and would stall checkpoints forever.
     */
    static FatalExceptionClassifier requestRejected(String hosts) {
        return new FatalExceptionClassifier(
                error -> {
                    OptionalInt status = HttpStatuses.of(error);
                    return status.isPresent()
                            && status.getAsInt() >= 400
                            && status.getAsInt() < 500
                            && status.getAsInt() != 408
                            && status.getAsInt() != 429;
                },
                error -> new ElasticsearchSinkException(
                        "Elasticsearch at " + hosts
                                + " rejected a bulk request with status "
                                + HttpStatuses.of(error).getAsInt()
                                + "; this is not retried because the same request would fail again",
                        error));
    }

    private static boolean statusIs(Throwable error, int status) {
        OptionalInt actual = HttpStatuses.of(error);
        return actual.isPresent() && actual.getAsInt() == status;
    }
}
