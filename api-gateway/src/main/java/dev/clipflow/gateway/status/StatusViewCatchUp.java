package dev.clipflow.gateway.status;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Whether the status view has caught up: read, on every partition of the topics it folds, up to the end offsets
 * those partitions had when this replica started. Until then a job accepted before the start may be missing from
 * the view, and a replica that answered would tell its client that the job does not exist.
 */
@ApplicationScoped
public class StatusViewCatchUp {

    private static final Logger LOG = Logger.getLogger(StatusViewCatchUp.class);
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** How long one ask may take, the admin client's own retries included. */
    private static final Duration ASK = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final List<String> topics;
    private final Duration ask;
    /** The next offset the view will read, per partition it has read from. */
    private final Map<TopicPartition, Long> read = new ConcurrentHashMap<>();
    /** The end offsets at start; null until the broker has told them. */
    private volatile Map<TopicPartition, Long> endsAtStart;
    private volatile boolean caughtUp;
    private volatile Cancellable lookup;

    @Inject
    public StatusViewCatchUp(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "mp.messaging.incoming.status-view.topics") List<String> topics) {
        this(bootstrapServers, topics, ASK);
    }

    StatusViewCatchUp(String bootstrapServers, List<String> topics, Duration ask) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.ask = ask;
    }

    void onStart(@Observes StartupEvent event) {
        // The broker may be down when the gateway starts: ask until it answers, without holding up the start.
        lookup = Uni.createFrom().item(this::endOffsets)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().invoke(e -> LOG.debugf("End offsets of %s not known yet: %s", topics, e.toString()))
                .onFailure().retry().withBackOff(RETRY, RETRY).indefinitely()
                .subscribe().with(ends -> endsAtStart = ends);
    }

    void onStop(@Observes ShutdownEvent event) {
        Cancellable running = lookup;
        if (running != null) {
            running.cancel();
        }
    }

    /** Called after the view has applied the record at {@code offset}. */
    public void read(String topic, int partition, long offset) {
        read.merge(new TopicPartition(topic, partition), offset + 1, Math::max);
    }

    public boolean caughtUp() {
        if (caughtUp) {
            return true;
        }
        Map<TopicPartition, Long> ends = endsAtStart;
        if (ends == null) {
            return false;
        }
        caughtUp = ends.entrySet().stream().allMatch(end -> read.getOrDefault(end.getKey(), 0L) >= end.getValue());
        return caughtUp;
    }

    /** Records still to read up to the end offsets at start; -1 while those are unknown. */
    public long recordsBehind() {
        Map<TopicPartition, Long> ends = endsAtStart;
        if (ends == null) {
            return -1;
        }
        return ends.entrySet().stream()
                .mapToLong(end -> Math.max(0, end.getValue() - read.getOrDefault(end.getKey(), 0L)))
                .sum();
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ask.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(5_000, ask.toMillis())))) {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> latest = described.values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, end -> end.getValue().offset()));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the gateway is stopping");
        }
    }
}
