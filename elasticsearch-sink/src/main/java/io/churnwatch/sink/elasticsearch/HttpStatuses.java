package io.churnwatch.sink.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.util.OptionalInt;
import org.elasticsearch.client.ResponseException;

/** Finds the HTTP status behind a failed request, whichever layer of the client threw it. */
final class HttpStatuses {

    private HttpStatuses() {}

    /**
     * The status of the first HTTP error in the cause chain: the API client's
     * {@link ElasticsearchException} (JSON error body), its {@link TransportException} (any other
     * body, e.g. from a proxy) or the low-level client's {@link ResponseException}.
     */
    static OptionalInt of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ElasticsearchException) {
                return OptionalInt.of(((ElasticsearchException) t).status());
            }
            if (t instanceof TransportException && ((TransportException) t).statusCode() > 0) {
                return OptionalInt.of(((TransportException) t).statusCode());
            }
            if (t instanceof ResponseException) {
                return OptionalInt.of(
                        ((ResponseException) t).getResponse().getStatusLine().getStatusCode());
            }
        }
        return OptionalInt.empty();
    }
}
