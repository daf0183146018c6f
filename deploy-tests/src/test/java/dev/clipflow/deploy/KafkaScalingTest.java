package dev.clipflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.ConfigMap;

/** Strimzi topics and KEDA scalers: workers scale on the lag of the topics they really consume, never past their partitions. */
class KafkaScalingTest {

    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    private static final Set<String> EVENT_TOPICS = Set.of("clip-jobs", "clip-events", "upload-events");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void workersNeverScalePastThePartitionsOfTheirTopic(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, Integer> partitions = partitions(rendered);
        List<Map<String, Object>> scaledObjects = rendered.custom("keda.sh", "ScaledObject");

        assertThat(scaledObjects).hasSize(2);
        for (Map<String, Object> scaled : scaledObjects) {
            String name = Resources.nameOf(scaled);
            Map<String, Object> trigger = kafkaTrigger(scaled);
            String topic = Maps.at(trigger, "metadata.topic");
            int min = Maps.intAt(scaled, "spec.minReplicaCount");
            int max = Maps.intAt(scaled, "spec.maxReplicaCount");

            assertThat(partitions).as("%s scales on a topic of this overlay", name).containsKey(topic);
            assertThat(max).as("%s maxReplicaCount <= partitions of %s", name, topic).isBetween(min, partitions.get(topic));
            assertThat(min).as("%s keeps a worker", name).isGreaterThanOrEqualTo(1);
            assertThat(Integer.parseInt(Maps.at(trigger, "metadata.lagThreshold"))).isPositive();
        }
    }

    @Test
    void baseScalersStayWithinTheDefaultTopicPartitions() {
        Map<String, Integer> partitions = partitions(Rendered.of("deploy/kubernetes/kafka"));
        for (Map<String, Object> scaled : Rendered.of("deploy/kubernetes/base").custom("keda.sh", "ScaledObject")) {
            String topic = Maps.at(kafkaTrigger(scaled), "metadata.topic");
            assertThat(Maps.intAt(scaled, "spec.maxReplicaCount")).as(Resources.nameOf(scaled)).isLessThanOrEqualTo(partitions.get(topic));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void scalersWatchTheConsumerGroupsAndTopicsTheWorkersUse(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        String bootstrap = rendered.typed(ConfigMap.class, "clipflow-config").getData().get("KAFKA_BOOTSTRAP_SERVERS");

        for (ServiceCatalog.Service worker : ServiceCatalog.SERVICES) {
            if (worker.scaledConsumer().isEmpty()) {
                continue;
            }
            Map<String, Object> scaled = rendered.custom("keda.sh", "ScaledObject").stream()
                    .filter(candidate -> worker.name().equals(Maps.at(candidate, "spec.scaleTargetRef.name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no ScaledObject for " + worker.name()));
            Map<String, Object> trigger = kafkaTrigger(scaled);
            String group = Maps.at(trigger, "metadata.consumerGroup");
            String topic = Maps.at(trigger, "metadata.topic");

            assertThat(group).isEqualTo(worker.scaledConsumer().get().group());
            assertThat(topic).isEqualTo(worker.scaledConsumer().get().topic());
            // KEDA's operator connects from its own namespace: the address the services use must be fully qualified.
            assertThat((String) Maps.at(trigger, "metadata.bootstrapServers")).isEqualTo(bootstrap).contains(".svc");
            List<ServiceCatalog.Channel> channels = ServiceCatalog.incomingChannels(worker.name());
            if (!channels.isEmpty()) {
                assertThat(channels).as("%s consumes %s as group %s", worker.name(), topic, group)
                        .anySatisfy(channel -> {
                            assertThat(channel.topics()).containsExactly(topic);
                            assertThat(channel.group()).isEqualTo(group);
                        });
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyTopicAServiceUsesExistsIncludingDeadLetterTopics(String overlay) {
        Map<String, Integer> partitions = partitions(Rendered.of(overlay));

        assertThat(partitions.keySet()).containsAll(EVENT_TOPICS);
        EVENT_TOPICS.forEach(topic -> assertThat(partitions.get(topic)).as(topic).isGreaterThanOrEqualTo(12));
        for (String service : ServiceCatalog.names()) {
            for (ServiceCatalog.Channel channel : ServiceCatalog.incomingChannels(service)) {
                assertThat(partitions.keySet()).as("%s reads %s", service, channel.topics()).containsAll(channel.topics());
                channel.deadLetterTopic().ifPresent(deadLetter ->
                        assertThat(partitions).as("dead-letter topic of %s/%s", service, channel.name()).containsKey(deadLetter));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kafkaRunsInKraftModeWithReplicationItsNodesCanHold(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, Object> kafka = rendered.custom("kafka.strimzi.io", "Kafka").get(0);
        List<Map<String, Object>> pools = rendered.custom("kafka.strimzi.io", "KafkaNodePool");
        int nodes = pools.stream().mapToInt(pool -> Maps.intAt(pool, "spec.replicas")).sum();
        Map<String, Object> config = Maps.at(kafka, "spec.kafka.config");

        assertThat(Maps.<Map<String, Object>>at(kafka, "metadata.annotations")).containsEntry("strimzi.io/node-pools", "enabled");
        assertThat(pools).flatExtracting(pool -> Maps.<List<String>>at(pool, "spec.roles")).contains("controller", "broker");
        assertThat(pools).allSatisfy(pool -> assertThat(Maps.<Map<String, Object>>at(pool, "metadata.labels"))
                .containsEntry("strimzi.io/cluster", Resources.nameOf(kafka)));
        assertThat(((Number) config.get("offsets.topic.replication.factor")).intValue()).isLessThanOrEqualTo(nodes);
        int minInSync = ((Number) config.get("min.insync.replicas")).intValue();
        for (Map<String, Object> topic : rendered.custom("kafka.strimzi.io", "KafkaTopic")) {
            int replicas = Maps.intAt(topic, "spec.replicas");
            assertThat(replicas).as(Resources.nameOf(topic)).isLessThanOrEqualTo(nodes).isGreaterThanOrEqualTo(minInSync);
            assertThat(Maps.<Map<String, Object>>at(topic, "metadata.labels")).containsEntry("strimzi.io/cluster", Resources.nameOf(kafka));
        }
        String bootstrap = rendered.typed(ConfigMap.class, "clipflow-config").getData().get("KAFKA_BOOTSTRAP_SERVERS");
        String namespace = (String) Resources.metadata(kafka).get("namespace");
        assertThat(bootstrap).isEqualTo(Resources.nameOf(kafka) + "-kafka-bootstrap." + namespace + ".svc:9092");
    }

    @Test
    void productionHasMorePartitionsAndReplicasThanDevelopment() {
        Map<String, Integer> dev = partitions(Rendered.of("deploy/kubernetes/overlays/dev"));
        Map<String, Integer> prod = partitions(Rendered.of("deploy/kubernetes/overlays/prod"));

        EVENT_TOPICS.forEach(topic -> assertThat(prod.get(topic)).as(topic).isGreaterThan(dev.get(topic)));
    }

    static Map<String, Integer> partitions(Rendered rendered) {
        return rendered.custom("kafka.strimzi.io", "KafkaTopic").stream()
                .collect(Collectors.toMap(topic -> {
                    Map<String, Object> spec = Maps.at(topic, "spec");
                    return (String) spec.getOrDefault("topicName", Resources.nameOf(topic));
                }, topic -> Maps.intAt(topic, "spec.partitions")));
    }

    private static Map<String, Object> kafkaTrigger(Map<String, Object> scaled) {
        List<Map<String, Object>> triggers = Maps.at(scaled, "spec.triggers");
        assertThat(triggers).as(Resources.nameOf(scaled)).hasSize(1);
        assertThat(triggers.get(0).get("type")).isEqualTo("kafka");
        return triggers.get(0);
    }
}
