package io.churnwatch.schemas.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics as their {@link TopicSpec}s say, idempotently, and returns once every partition's
 * leader serves requests: the one way every part of ChurnWatch (the dev stack, the Kafka replay,
 * the benchmarks) creates topics.
 */
public final class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(50);

    private TopicCreator() {}

    /** Creates the topics that do not exist yet; one that exists is kept as it is. */
    public static void create(Map<String, String> clientProperties, Collection<? extends TopicSpec<?>> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(new HashMap<>(clientProperties))) {
            List<NewTopic> newTopics = topics.stream()
                    .map(t ->
                            new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty()).configs(t.configs()))
                    .toList();
            admin.createTopics(newTopics).values().forEach((name, future) -> {
                try {
                    future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    LOG.info("Created topic {}", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "cannot create topic " + name + ": "
                                        + e.getCause().getMessage(),
                                e);
                    }
                    LOG.info("Topic {} exists already; kept as it is", name);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("topic " + name + " was not created within " + TIMEOUT, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating topic " + name, e);
                }
            });
            awaitLeaders(admin, topics.stream().map(TopicSpec::name).collect(Collectors.toSet()));
        }
    }

    // createTopics completes when the controller has the topic, but a producer sent right after
    // can still see UNKNOWN_TOPIC_OR_PARTITION until the broker has loaded every partition.
    private static void awaitLeaders(Admin admin, Set<String> names) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String lastProblem = "not described yet";
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(names).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                boolean ready = descriptions.values().stream()
                        .allMatch(d -> d.partitions().stream()
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready && leadersServe(admin, descriptions)) {
                    return;
                }
                lastProblem =
                        ready ? "a partition leader does not serve requests yet" : "a partition has no leader yet";
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException(
                            "cannot describe topics " + names + ": "
                                    + e.getCause().getMessage(),
                            e);
                }
                lastProblem = e.getCause().getMessage();
            } catch (TimeoutException e) {
                lastProblem = "describeTopics timed out";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + names, e);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + names, e);
            }
        }
        throw new IllegalStateException("topics " + names + " not ready within " + TIMEOUT + ": " + lastProblem);
    }

    // The controller names a leader slightly before that broker acts as one: a producer sending in
    // that moment gets NOT_LEADER_OR_FOLLOWER and, with idempotence, can loop on sequence errors
    // until it times out. A ListOffsets request is answered by the leader itself, so once every
    // partition answers one, writes are safe.
    private static boolean leadersServe(Admin admin, Map<String, TopicDescription> descriptions)
            throws InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        descriptions.forEach((name, d) ->
                d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        try {
            admin.listOffsets(request).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
