package io.churnwatch.sink.elasticsearch;

/** A failure of the Elasticsearch sink that retrying cannot fix; it fails the job. */
public class ElasticsearchSinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ElasticsearchSinkException(String message, Throwable cause) {
        super(message, cause);
    }

    public ElasticsearchSinkException(String message) {
        super(message);
    }
}
