package io.churnwatch.generator;

/**
 * Where generated events go: a file, a Kafka cluster, a list. Called from one thread, in emission
 * order; {@link #close()} flushes whatever is buffered.
 */
public interface EventSink extends AutoCloseable {

    void accept(GeneratedEvent event) throws Exception;

    /** Makes everything accepted so far durable or visible. */
    default void flush() throws Exception {}

    @Override
    default void close() throws Exception {
        flush();
    }
}
