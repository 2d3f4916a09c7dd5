package io.churnwatch.notifyjob;

import io.churnwatch.alerting.retry.DeadLetterSink;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.kafka.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes failed-for-good notifications to {@code churn-dlq} as single-object Avro, the same
 * encoding as every other dead letter. Each write waits for the broker's acknowledgement: it runs
 * on the receiver's delivery thread (never the task thread), and the delivery counts as finished
 * only once its dead letter is stored, so a checkpoint taken after it cannot lose the letter.
 */
final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeadLetterSink.class);
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<byte[], byte[]> producer;
    private final AvroCodec<DeadLetter> codec = AvroCodec.of(DeadLetter.class);
    private final String topic;

    KafkaDeadLetterSink(KafkaConnection kafka, String clientId) {
        Properties props = kafka.toProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
        this.topic = Topics.CHURN_DLQ.name();
    }

    @Override
    public void accept(DeadLetter deadLetter) {
        try {
            producer.send(new ProducerRecord<>(topic, key(deadLetter), codec.encode(deadLetter)))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Dead letter for stage {} written to {}", deadLetter.getStage(), topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Dead letter for stage {} not written to {}: interrupted", deadLetter.getStage(), topic);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // DeadLetterSink must not throw; the notification log still holds the final outcome.
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.error(
                    "Dead letter for stage {} not written to {}: {}",
                    deadLetter.getStage(),
                    topic,
                    cause.getClass().getSimpleName());
        }
    }

    private static byte[] key(DeadLetter deadLetter) {
        ByteBuffer key = deadLetter.getKey();
        if (key == null) {
            return null;
        }
        byte[] bytes = new byte[key.remaining()];
        key.duplicate().get(bytes);
        return bytes;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
