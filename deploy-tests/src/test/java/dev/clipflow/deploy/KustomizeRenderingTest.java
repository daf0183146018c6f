package dev.clipflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;

class KustomizeRenderingTest {

    static final List<String> DIRECTORIES = Rendered.DIRECTORIES;
    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    /** Kinds without a namespace; everything else an overlay renders must be in Clipflow's. */
    private static final Set<String> CLUSTER_SCOPED_KINDS = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ClusterTriggerAuthentication");

    /** Custom resources the manifests use, with the API version their operators serve. */
    private static final Set<String> KNOWN_CUSTOM_KINDS = Set.of(
            "keda.sh/v1alpha1/ScaledObject",
            "kafka.strimzi.io/v1beta2/Kafka", "kafka.strimzi.io/v1beta2/KafkaNodePool", "kafka.strimzi.io/v1beta2/KafkaTopic");

    @ParameterizedTest
    @FieldSource("DIRECTORIES")
    void everyKustomizationRendersIntoTypedKubernetesResourcesWithoutUnknownFields(String directory) {
        Rendered rendered = Rendered.of(directory);

        assertThat(rendered.resources()).isNotEmpty();
        for (Map<String, Object> resource : rendered.resources()) {
            String id = Resources.idOf(resource);
            Class<? extends KubernetesResource> type = Rendered.builtInType(resource);
            if (type == null) {
                assertThat(resource.get("apiVersion") + "/" + Resources.kindOf(resource))
                        .as("custom resource %s", id).isIn(KNOWN_CUSTOM_KINDS);
                continue;
            }
            HasMetadata model = (HasMetadata) Rendered.SERIALIZATION.convertValue(resource, type);
            assertThat(model.getMetadata().getName()).as(id).isNotBlank();
            assertThat(UnknownFields.in(model)).as("fields %s does not know", type.getSimpleName()).isEmpty();
        }
    }

    @Test
    void baseHoldsEveryKindOfResourceTheServicesNeed() {
        Rendered base = Rendered.of("deploy/kubernetes/base");

        assertThat(base.resources()).extracting(Resources::kindOf).contains("Deployment", "Service", "Ingress",
                "PodDisruptionBudget", "HorizontalPodAutoscaler", "PersistentVolumeClaim", "ConfigMap", "Secret",
                "ServiceAccount", "ScaledObject");
        assertThat(base.typed(io.fabric8.kubernetes.api.model.apps.Deployment.class))
                .extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(ServiceCatalog.names());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void overlaysPutEverythingInTheClipflowNamespaceWithKafka(String overlay) {
        Rendered rendered = Rendered.of(overlay);

        assertThat(rendered.resources()).filteredOn(resource -> !CLUSTER_SCOPED_KINDS.contains(Resources.kindOf(resource)))
                .allSatisfy(resource -> assertThat(Resources.metadata(resource).get("namespace")).as(Resources.idOf(resource))
                        .isEqualTo("clipflow"));
        assertThat(rendered.custom("kafka.strimzi.io", "Kafka")).hasSize(1);
    }
}
