package io.churnwatch.cli.deploy;

/** A Flink REST call failed; the message names the call and carries Flink's own errors. */
public final class FlinkRestException extends RuntimeException {

    public FlinkRestException(String message) {
        super(message);
    }

    public FlinkRestException(String message, Throwable cause) {
        super(message, cause);
    }
}
