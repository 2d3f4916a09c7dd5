package io.churnwatch.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RequestFailureClassifierTest {

    private static final String HOSTS = "http://es-1.internal:9200";

    private final RequestFailureClassifier classifier = new RequestFailureClassifier(HOSTS);
    private final List<Exception> fatal = new ArrayList<>();

    private static ElasticsearchException httpError(int status, String type) {
        return new ElasticsearchException(
                "bulk",
                ErrorResponse.of(r -> r.status(status).error(e -> e.type(type).reason("from the server"))));
    }

    @Test
    void connectionRefusedIsRetried() {
        assertThat(classifier.isRetryable(
                        new CompletionException(new ConnectException("Connection refused")), fatal::add))
                .isTrue();
        assertThat(fatal).isEmpty();
    }

    @Test
    void socketTimeoutIsRetried() {
        assertThat(classifier.isRetryable(new SocketTimeoutException("Read timed out"), fatal::add))
                .isTrue();
        assertThat(fatal).isEmpty();
    }

    @Test
    void tooManyRequestsIsRetried() {
        assertThat(classifier.isRetryable(httpError(429, "es_rejected_execution_exception"), fatal::add))
                .isTrue();
        assertThat(fatal).isEmpty();
    }

    @Test
    void serverErrorIsRetried() {
        assertThat(classifier.isRetryable(httpError(503, "unavailable_shards_exception"), fatal::add))
                .isTrue();
        assertThat(fatal).isEmpty();
    }

    @Test
    void unknownHostIsFatalAndNamesTheHosts() {
        assertThat(classifier.isRetryable(
                        new CompletionException(new UnknownHostException("es-1.internal")), fatal::add))
                .isFalse();
        assertThat(fatal)
                .singleElement()
                .satisfies(e -> assertThat(e)
                        .isInstanceOf(ElasticsearchSinkException.class)
                        .hasMessageContaining("Cannot resolve")
                        .hasMessageContaining(HOSTS));
    }

    @Test
    void invalidCredentialsAreFatal() {
        assertThat(classifier.isRetryable(httpError(401, "security_exception"), fatal::add))
                .isFalse();
        assertThat(fatal)
                .singleElement()
                .satisfies(e -> assertThat(e).hasMessageContaining("rejected the sink's credentials (401)"));
    }

    @Test
    void missingPrivilegesAreFatal() {
        assertThat(classifier.isRetryable(new CompletionException(httpError(403, "security_exception")), fatal::add))
                .isFalse();
        assertThat(fatal).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("(403)"));
    }

    @Test
    void requestTooLargeIsFatalAndSaysWhichSettingToLower() {
        assertThat(classifier.isRetryable(httpError(413, "content_too_long"), fatal::add))
                .isFalse();
        assertThat(fatal).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("maxBatchSizeInBytes"));
    }

    @Test
    void aBadRequestAsAWholeIsFatal() {
        assertThat(classifier.isRetryable(httpError(400, "illegal_argument_exception"), fatal::add))
                .isFalse();
        assertThat(fatal).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("status 400"));
    }
}
