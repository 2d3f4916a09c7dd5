package io.churnwatch.jobs.kafka;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.flink.metrics.ChurnMetrics;
import io.churnwatch.jobs.index.ElasticsearchDeadLetters;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.kafka.Topics;
import io.churnwatch.sink.elasticsearch.FailedDocument;
import io.churnwatch.sink.elasticsearch.FailedDocumentHandler;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends documents Elasticsearch rejected for good (a mapping conflict, say) to {@code churn-dlq},
 * so the sink can go on with the rest of the batch and nothing is lost. The producer waits for
 * the broker's acknowledgement, so a dead letter is stored before the writer moves on.
 */
public final class KafkaFailedDocumentHandler implements FailedDocumentHandler {

    private static final long serialVersionUID = 1L;

    private final KafkaConnection kafka;
    private transient Producer<byte[], byte[]> producer;
    private transient AvroCodec<DeadLetter> codec;
    private transient Counter deadLetters;

    public KafkaFailedDocumentHandler(KafkaConnection kafka) {
        this.kafka = kafka;
    }

    @Override
    public void open(WriterInitContext context) {
        Properties props = kafka.toProperties();
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        codec = AvroCodec.of(DeadLetter.class);
        deadLetters = ChurnMetrics.group(context.metricGroup())
                .addGroup(ChurnMetrics.STAGE, ElasticsearchDeadLetters.STAGE)
                .counter(ChurnMetrics.DEAD_LETTERS);
    }

    @Override
    public void onFailedDocument(FailedDocument failure) throws Exception {
        DeadLetter letter = ElasticsearchDeadLetters.of(failure);
        byte[] key = failure.id().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(Topics.CHURN_DLQ.name(), key, codec.encode(letter)))
                .get(30, TimeUnit.SECONDS);
        deadLetters.inc();
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(10));
        }
    }
}
