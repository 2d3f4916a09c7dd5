package io.churnwatch.console;

import io.churnwatch.connect.KafkaConnectionCheck;
import io.churnwatch.events.AlertAction;
import io.churnwatch.schemas.kafka.AvroSerializer;
import io.churnwatch.schemas.kafka.TopicCreator;
import io.churnwatch.schemas.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running retention console: the web server and its API, the action writer, the workflow view
 * and the revision indexer, in one process. {@link #start} returns once it answers on {@link #url()}.
 */
public final class Console implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Console.class);
    private static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(60);

    private final Es es;
    private final KafkaProducer<String, AlertAction> producer;
    private final RevisionIndexer revisions;
    private final Silences silences;
    private final ScheduledExecutorService poller;
    private final ConsoleServer server;

    private Console(ConsoleSettings settings) {
        this.es = new Es(settings.elasticsearch());
        ConsoleIndices.install(es);
        // A refused login would otherwise surface as a topic-creation time-out; this says which user and why.
        KafkaConnectionCheck.verify(settings.kafka(), KAFKA_CHECK_TIMEOUT);
        TopicCreator.create(settings.kafka().clientProperties(), List.of(Topics.CHURN_ACTIONS, Topics.CHURN_SILENCES));
        Map<String, Object> props = new HashMap<>(settings.kafka().clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new AvroSerializer<>(AlertAction.class));
        WorkflowCache workflow = new WorkflowCache(es, settings.clock(), settings.followUpAfter());
        workflow.poll();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-workflow-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(
                () -> {
                    try {
                        workflow.poll();
                    } catch (RuntimeException e) {
                        LOG.warn("Cannot refresh the workflow view: {}", e.getMessage());
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
        this.revisions = new RevisionIndexer(settings.kafka(), es, settings.consumerGroup() + "-revisions").start();
        this.silences = new Silences(settings.kafka(), settings.clock()).start();
        AlertRepository alerts = new AlertRepository(es, workflow, settings.clock());
        ActionService actions = new ActionService(es, producer, workflow, settings.clock());
        this.server = new ConsoleServer(
                        settings, alerts, actions, workflow, silences, new Charts(es), new Complaints(es))
                .start();
        LOG.info("Retention console at {}", server.url());
    }

    public static Console start(ConsoleSettings settings) {
        return new Console(settings);
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.stop();
        poller.shutdownNow();
        revisions.close();
        silences.close();
        producer.close();
        es.close();
    }
}
